package io.berth.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} lists the invalid fields of a validation failure;
 * {@code error_id} names an unexpected failure in the log. Absent members are left out.
 *
 * @param type always {@code about:blank}: the status says what kind of problem it is
 * @param title the status's reason phrase
 * @param status the HTTP status
 * @param detail what went wrong, for a human
 * @param errors the invalid fields, or {@code null}
 * @param errorId the id under which an unexpected failure was logged, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors, String errorId) {

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: its JSON path ({@code quotas.servers}, {@code ssh_keys[1]}) and why. */
    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null ? null : List.copyOf(errors);
    }

    static Problem of(int status, String detail) {
        return new Problem("about:blank", title(status), status, detail, null, null);
    }

    static Problem of(int status, String detail, List<FieldError> errors) {
        return new Problem("about:blank", title(status), status, detail, errors, null);
    }

    /** The reason phrase of a status (RFC 9110 names). */
    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> {
                Response.Status s = Response.Status.fromStatusCode(status);
                yield s != null ? s.getReasonPhrase() : "HTTP " + status;
            }
        };
    }
}
