package io.berth.core.internal;

import io.berth.api.domain.ValidationException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Opaque paging cursors: the (created_at, id) of the last item of a page, base64url encoded. */
public final class Cursors {

    /** A decoded position. */
    public record Position(Instant createdAt, UUID id) {
    }

    private Cursors() {
    }

    public static String encode(Instant createdAt, UUID id) {
        String raw = createdAt.toEpochMilli() * 1000 + createdAt.getNano() / 1000 % 1000 + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Position decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            long micros = Long.parseLong(raw.substring(0, bar));
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
            return new Position(at, UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw ValidationException.of("cursor", "is not a cursor this API gave out");
        }
    }

    public static int limit(int requested) {
        if (requested < 1 || requested > 100) {
            throw ValidationException.of("limit", "must be between 1 and 100");
        }
        return requested;
    }
}
