package io.berth.rest.internal;

import io.berth.api.domain.ConflictException;
import io.berth.api.domain.DomainException;
import io.berth.api.domain.ForbiddenException;
import io.berth.api.domain.NotFoundException;
import io.berth.api.domain.ValidationException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one place where failures become problem documents: domain refusals, this bundle's own
 * refusals, Jersey's routing and content negotiation failures, JSON that cannot be read, and
 * everything else (500, logged with an error id, nothing of it in the answer).
 */
final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    /** Headers of a Jersey failure worth keeping in the problem answer. */
    private static final List<String> KEPT_HEADERS = List.of("Allow", "WWW-Authenticate", "Retry-After");

    private Problems() {
    }

    static Response toResponse(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ProblemException p) {
            return respond(Problem.of(p.status(), p.getMessage(), p.errors()), p.headers());
        }
        if (t instanceof DomainException d) {
            return respond(fromDomain(d), Map.of());
        }
        if (t instanceof JsonProcessingException j) {
            return respond(fromJson(j), Map.of());
        }
        if (t instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            return fromJersey(w);
        }
        return unexpected(t);
    }

    static Response respond(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder b = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(b::header);
        return b.build();
    }

    private static Throwable unwrap(Throwable t) {
        // Jersey wraps what a message body reader throws; the cause says what really happened
        while (t instanceof ProcessingException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static Problem fromDomain(DomainException e) {
        if (e instanceof ValidationException v) {
            List<Problem.FieldError> errors = v.errors().stream()
                    .map(f -> new Problem.FieldError(f.field(), f.message())).toList();
            return Problem.of(422, v.getMessage(), errors);
        }
        int status = e instanceof NotFoundException ? 404
                : e instanceof ConflictException ? 409
                : e instanceof ForbiddenException ? 403
                : 400;
        return Problem.of(status, e.getMessage());
    }

    static Problem fromJson(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            return Problem.of(400, "unknown field: " + field, List.of(new Problem.FieldError(field, "unknown field")));
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String field = path(m);
            String message = expected(m.getTargetType());
            return Problem.of(400, field + ": " + message, List.of(new Problem.FieldError(field, message)));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = path(m);
            return Problem.of(400, field + ": invalid value", List.of(new Problem.FieldError(field, "invalid value")));
        }
        if (e instanceof StreamReadException r && r.getLocation() != null) {
            return Problem.of(400, "the request body is not valid JSON (line " + r.getLocation().getLineNr()
                    + ", column " + r.getLocation().getColumnNr() + ")");
        }
        return Problem.of(400, "the request body is not valid JSON or not the expected object");
    }

    /** The JSON path of the field Jackson stopped at: {@code quotas.servers}, {@code ssh_keys[1]}. */
    static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be an RFC 3339 time";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static Response fromJersey(WebApplicationException e) {
        Response r = e.getResponse();
        if (r.hasEntity()) {
            return r;
        }
        int status = r.getStatus();
        String detail = switch (status) {
            case 404 -> "there is nothing at this path";
            case 405 -> "this method is not allowed here (see the Allow header)";
            case 406 -> "this resource answers application/json only";
            case 415 -> "the request body must be application/json";
            case 401 -> "authentication required";
            default -> Problem.title(status);
        };
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = r.getHeaderString(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return respond(Problem.of(status, detail), headers);
    }

    private static Response unexpected(Throwable t) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("unexpected failure error_id={} request_id={}", errorId, MDC.get(AccessLog.MDC_REQUEST_ID), t);
        Problem p = new Problem("about:blank", Problem.title(500), 500,
                "an unexpected error occurred; quote error id " + errorId + " when reporting it", null, errorId);
        return respond(p, Map.of());
    }
}
