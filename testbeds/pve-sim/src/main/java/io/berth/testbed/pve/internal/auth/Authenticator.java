package io.berth.testbed.pve.internal.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pveproxy's {@code auth_handler}: API token ({@code Authorization: PVEAPIToken=user@realm!id=secret},
 * never CSRF-checked) or ticket ({@code Cookie: PVEAuthCookie=…}, with the
 * {@code CSRFPreventionToken} header required on every non-GET request). Only
 * {@code GET|POST /access/ticket} and {@code GET /access/domains} need no authentication.
 */
public final class Authenticator {

    private static final Pattern TOKEN_HEADER = Pattern.compile("(?:^|\\s)PVEAPIToken(?:=|\\s)([^;]*)");
    private static final Pattern COOKIE = Pattern.compile("(?:^|;)\\s*PVEAuthCookie=([^;]*)");
    private static final Pattern TOKEN_ID = Pattern.compile("^(.+)!([A-Za-z][A-Za-z0-9.\\-_]+)$");

    private final Credentials credentials;
    private final TicketService tickets;

    public Authenticator(Credentials credentials, TicketService tickets) {
        this.credentials = credentials;
        this.tickets = tickets;
    }

    public static boolean needsAuth(String method, String path) {
        boolean ticket = path.equals("/access/ticket") && (method.equals("GET") || method.equals("POST"));
        boolean domains = path.equals("/access/domains") && method.equals("GET");
        return !ticket && !domains;
    }

    /**
     * Authenticates a request.
     * @return the caller; for calls without authentication, an identity only when a token was sent (else null)
     */
    public Identity authenticate(String method, String path, String authorization, String cookie, String csrf)
            throws AuthFailure {
        String apiToken = extract(TOKEN_HEADER, authorization);
        if (!needsAuth(method, path)) {
            return apiToken == null ? null : new Identity(credentials.username(), apiToken.split("=", 2)[0]);
        }
        if (apiToken != null) {
            return verifyToken(apiToken.trim());
        }
        String ticket = extract(COOKIE, cookie);
        if (ticket == null || ticket.isEmpty()) {
            throw new AuthFailure("No ticket");
        }
        String user = tickets.verifyTicket(uriUnescape(ticket))
                .orElseThrow(() -> new AuthFailure("permission denied - invalid PVE ticket"));
        if (!method.equals("GET") && !tickets.verifyCsrf(user, csrf)) {
            throw new AuthFailure("Permission denied - invalid csrf token");
        }
        return new Identity(user, null);
    }

    private Identity verifyToken(String value) throws AuthFailure {
        int eq = value.lastIndexOf('=');
        if (eq < 0) {
            throw new AuthFailure("no tokenid specified");
        }
        String tokenId = value.substring(0, eq);
        String secret = value.substring(eq + 1);
        Matcher m = TOKEN_ID.matcher(tokenId);
        if (!m.matches()) {
            throw new AuthFailure("no tokenid specified");
        }
        String user = m.group(1);
        if (!user.equals(credentials.username())) {
            throw new AuthFailure("no such user ('" + user + "')");
        }
        if (!tokenId.equals(credentials.tokenId())) {
            throw new AuthFailure("no such token '" + m.group(2) + "' for user '" + user + "'");
        }
        if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                credentials.tokenSecret().getBytes(StandardCharsets.UTF_8))) {
            throw new AuthFailure("invalid token value!");
        }
        return new Identity(user, tokenId);
    }

    /** {@code uri_unescape}: %XX only ('+' stays, tickets contain it). */
    private static String uriUnescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String extract(Pattern p, String header) {
        if (header == null) {
            return null;
        }
        Matcher m = p.matcher(header);
        return m.find() ? m.group(1) : null;
    }
}
