package io.berth.provider.proxmox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS context for one cluster: a pinned certificate fingerprint, or the CA certificates
 * of a PEM file (with normal chain and host name validation), or the JDK's default trust. There is
 * deliberately no "trust everything".
 */
final class ProxmoxTls {

    private ProxmoxTls() {
    }

    static SSLContext context(String fingerprint, String caFile) {
        try {
            if (fingerprint != null && !fingerprint.isBlank()) {
                return context(new PinnedTrustManager(fingerprint));
            }
            if (caFile != null && !caFile.isBlank()) {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(caKeyStore(Path.of(caFile)));
                return context(factory.getTrustManagers());
            }
            return SSLContext.getDefault();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    static KeyStore caKeyStore(Path pem) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + pem);
            }
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        return store;
    }

    private static SSLContext context(TrustManager... trustManagers) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers, null);
        return context;
    }
}
