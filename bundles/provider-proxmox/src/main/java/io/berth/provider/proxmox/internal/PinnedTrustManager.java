package io.berth.provider.proxmox.internal;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, identified by the SHA-256 fingerprint of its DER encoding
 * (what the Proxmox VE GUI shows under Certificates). Pinning replaces both chain and host name
 * validation: the typical Proxmox node has a self-signed certificate, and the pin is stronger than
 * either. Extending {@link X509ExtendedTrustManager} keeps the JDK from adding its own host name
 * check around it.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {

    private final String expected;

    /** @param fingerprint 64 hex digits, with or without colons, any case */
    PinnedTrustManager(String fingerprint) {
        this.expected = normalize(fingerprint);
    }

    static String normalize(String fingerprint) {
        String hex = fingerprint.replace(":", "").replace(" ", "").trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("TLS fingerprint must be a SHA-256 hash (64 hex digits, colons allowed)");
        }
        return hex;
    }

    static String fingerprint(X509Certificate certificate) throws CertificateEncodingException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Colon-separated upper case, the way Proxmox VE and browsers display it. */
    static String display(String hex) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new PinMismatchException("the server sent no certificate");
        }
        String actual = fingerprint(chain[0]);
        if (!MessageDigest.isEqual(actual.getBytes(), expected.getBytes())) {
            throw new PinMismatchException("the server certificate's SHA-256 fingerprint " + display(actual)
                    + " does not match the pinned " + display(expected));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /** A certificate refused because it is not the pinned one. */
    static final class PinMismatchException extends CertificateException {
        private static final long serialVersionUID = 1L;

        PinMismatchException(String message) {
            super(message);
        }
    }
}
