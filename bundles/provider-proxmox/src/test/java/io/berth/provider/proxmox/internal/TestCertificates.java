package io.berth.provider.proxmox.internal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A self-signed server certificate for localhost, made with the JDK's keytool. */
final class TestCertificates {

    private static final char[] PASSWORD = "changeit".toCharArray();

    final Path keyStore;
    final Path pem;
    final X509Certificate certificate;

    private TestCertificates(Path keyStore, Path pem, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.pem = pem;
        this.certificate = certificate;
    }

    static TestCertificates create(Path dir, String alias) throws Exception {
        Path keyStore = dir.resolve(alias + ".p12");
        Path pem = dir.resolve(alias + ".pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", new String(PASSWORD)));
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", alias, "-keystore", keyStore.toString(), "-storepass",
                new String(PASSWORD), "-file", pem.toString()));
        KeyStore store = load(keyStore);
        return new TestCertificates(keyStore, pem, (X509Certificate) store.getCertificate(alias));
    }

    SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    String fingerprint() throws Exception {
        return PinnedTrustManager.display(PinnedTrustManager.fingerprint(certificate));
    }

    private static KeyStore load(Path path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
