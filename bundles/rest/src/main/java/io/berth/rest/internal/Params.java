package io.berth.rest.internal;

import io.berth.api.server.ServerStatus;

import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Query, path and header parameters: parsed here, refused with 400 (or 404 for ids) naming them. */
final class Params {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;
    static final int MAX_CURSOR_LENGTH = 512;
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private static final Pattern UUID_TEXT = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");
    private static final String STATUSES = Arrays.stream(ServerStatus.values()).map(ServerStatus::wireName)
            .collect(Collectors.joining(", "));

    private Params() {
    }

    /** {@code ?limit=}: 1 to 100, 25 when absent. */
    static int limit(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.invalidParameter("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }

    /** {@code ?status=}: a server status, {@code null} when absent. */
    static ServerStatus status(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        ServerStatus status = ServerStatus.fromWireName(raw);
        if (status == null) {
            throw ProblemException.invalidParameter("status", "must be one of " + STATUSES);
        }
        return status;
    }

    /** {@code ?cursor=}: opaque, handed to core as it is; {@code null} when absent. */
    static String cursor(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.length() > MAX_CURSOR_LENGTH) {
            throw ProblemException.invalidParameter("cursor", "is not a cursor this API gave out");
        }
        return raw;
    }

    /** An id in the path: one that is not a UUID names nothing, so it is 404 like any unknown id. */
    static UUID id(String raw, String what) {
        if (raw == null || !UUID_TEXT.matcher(raw).matches()) {
            throw ProblemException.notFound(what + " not found");
        }
        return UUID.fromString(raw);
    }

    /** The {@code Idempotency-Key} header: 1 to 255 visible ASCII characters, {@code null} when absent. */
    static String idempotencyKey(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !VISIBLE_ASCII.matcher(raw).matches()) {
            throw ProblemException.invalidParameter("Idempotency-Key",
                    "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters");
        }
        return raw;
    }
}
