package io.berth.testbed.pve.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks authentication tickets ({@code PVE:user@realm:HEXTIME::signature}) and
 * CSRF prevention tokens ({@code HEXTIME:signature}). A ticket is valid for two hours and up
 * to five minutes into the future (clock skew), as in {@code PVE::AccessControl}. Signatures
 * are HMACs with a per-simulator key instead of PVE's RSA signature.
 */
public final class TicketService {

    private static final Pattern TICKET = Pattern.compile("^PVE:([^\\s:]+):([0-9A-F]{8})::([A-Za-z0-9+/=]+)$");
    private static final Pattern CSRF = Pattern.compile("^([0-9A-F]{8}):([A-Za-z0-9+/]+)$");
    private static final long SKEW_SECONDS = 300;

    private final byte[] key;
    private final Duration lifetime;

    public TicketService(byte[] key, Duration lifetime) {
        this.key = key.clone();
        this.lifetime = lifetime;
    }

    public String issueTicket(String user) {
        String plain = "PVE:" + user + ":" + hexTime();
        return plain + "::" + Base64.getEncoder().encodeToString(hmac("ticket", plain));
    }

    /** The user of a valid, unexpired ticket. */
    public Optional<String> verifyTicket(String ticket) {
        Matcher m = TICKET.matcher(ticket);
        if (!m.matches()) {
            return Optional.empty();
        }
        String plain = "PVE:" + m.group(1) + ":" + m.group(2);
        byte[] expected = hmac("ticket", plain);
        byte[] given;
        try {
            given = Base64.getDecoder().decode(m.group(3));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(expected, given) || !fresh(m.group(2))) {
            return Optional.empty();
        }
        return Optional.of(m.group(1));
    }

    public String csrfToken(String user) {
        String time = hexTime();
        return time + ":" + Base64.getEncoder().withoutPadding().encodeToString(hmac("csrf", time + ":" + user));
    }

    public boolean verifyCsrf(String user, String token) {
        if (token == null) {
            return false;
        }
        Matcher m = CSRF.matcher(token.trim());
        if (!m.matches()) {
            return false;
        }
        String expected = Base64.getEncoder().withoutPadding().encodeToString(hmac("csrf", m.group(1) + ":" + user));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), m.group(2).getBytes(StandardCharsets.US_ASCII))
                && fresh(m.group(1));
    }

    private boolean fresh(String hexTime) {
        long issued = Long.parseLong(hexTime, 16);
        long age = System.currentTimeMillis() / 1000 - issued;
        return age > -SKEW_SECONDS && age < lifetime.toSeconds();
    }

    private static String hexTime() {
        return String.format(Locale.ROOT, "%08X", System.currentTimeMillis() / 1000);
    }

    private byte[] hmac(String purpose, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(purpose.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
