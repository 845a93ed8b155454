package io.berth.rest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal decided in this bundle (bad parameter, missing token, too many attempts) that
 * {@link Problems} turns into a problem document, with the headers it needs.
 */
final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The realm named in every {@code WWW-Authenticate} challenge. */
    static final String REALM = "berth";

    private final int status;
    private final transient List<Problem.FieldError> errors;
    private final transient Map<String, String> headers;

    ProblemException(int status, String detail, List<Problem.FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = errors == null ? null : List.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    List<Problem.FieldError> errors() {
        return errors;
    }

    Map<String, String> headers() {
        return headers;
    }

    static ProblemException badRequest(String detail) {
        return new ProblemException(400, detail, null, null);
    }

    /** A query parameter, path parameter or header that cannot be used: 400 naming it. */
    static ProblemException invalidParameter(String name, String message) {
        return new ProblemException(400, name + ": " + message, List.of(new Problem.FieldError(name, message)), null);
    }

    /** A body field this bundle checks (wire format, not domain rules): 422 naming it. */
    static ProblemException invalidField(String field, String message) {
        return invalidFields(List.of(new Problem.FieldError(field, message)));
    }

    static ProblemException invalidFields(List<Problem.FieldError> errors) {
        Problem.FieldError first = errors.get(0);
        String detail = first.field() + ": " + first.message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
        return new ProblemException(422, detail, errors, null);
    }

    /** No usable credentials: 401 with a bare Bearer challenge (RFC 6750 §3). */
    static ProblemException unauthorized(String detail) {
        return new ProblemException(401, detail, null, Map.of("WWW-Authenticate", "Bearer realm=\"" + REALM + "\""));
    }

    /** A token that was presented but cannot be accepted: 401 with {@code error="invalid_token"}. */
    static ProblemException invalidToken(String detail) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\""
                + detail.replace("\"", "'") + "\"");
        return new ProblemException(401, detail, null, headers);
    }

    static ProblemException forbidden(String detail) {
        return new ProblemException(403, detail, null, null);
    }

    static ProblemException notFound(String detail) {
        return new ProblemException(404, detail, null, null);
    }

    static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(429, detail, null, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    static ProblemException unavailable(String detail) {
        return new ProblemException(503, detail, null, Map.of("Retry-After", "5"));
    }
}
