package io.berth.rest.internal;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per request on the {@code io.berth.access} logger:
 * <pre>method=GET path=/api/servers status=200 duration_ms=4 remote=203.0.113.7 account=6f1c… request_id=9b2e…</pre>
 * Never a header, a query string, a token, a password or a body. The request id is the client's
 * {@code X-Request-Id} when it is a plain token, otherwise a new random UUID; it is echoed in the
 * answer and put into the MDC for the request's other log lines. Runs before anything else
 * (pre-matching, lowest priority), so refused and unmatched requests are logged too. Lines are
 * written by an {@link AccessLogWriter}, off the request threads.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JakartarsExtension
@JakartarsName(AccessLog.NAME)
@PreMatching
@Priority(100)
public final class AccessLog implements ContainerRequestFilter, ContainerResponseFilter {

    static final String NAME = "berth.access-log";

    /** Request properties other filters and resources read. */
    static final String REQUEST_ID = "io.berth.rest.request_id";
    static final String REMOTE_ADDRESS = "io.berth.rest.remote_address";
    static final String ACCOUNT_ID = "io.berth.rest.account_id";
    private static final String STARTED = "io.berth.rest.started";

    static final String MDC_REQUEST_ID = "request_id";
    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final Logger ACCESS = LoggerFactory.getLogger("io.berth.access");
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    private final AccessLogWriter writer;

    @Context
    private HttpServletRequest servletRequest;

    @Activate
    public AccessLog() {
        this(AccessLogWriter.start(ACCESS::info));
    }

    AccessLog(AccessLogWriter writer) {
        this.writer = writer;
    }

    /** Whether access lines are written at all. */
    static boolean enabled() {
        return ACCESS.isInfoEnabled();
    }

    /** The {@code io.berth.access} logger, for writers in tests. */
    static void toLogger(String line) {
        ACCESS.info(line);
    }

    @Deactivate
    void close() {
        writer.close();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        String id = requestId(request.getHeaderString(REQUEST_ID_HEADER));
        request.setProperty(REQUEST_ID, id);
        String remote = remoteAddress();
        if (remote != null) {
            request.setProperty(REMOTE_ADDRESS, remote);
        }
        MDC.put(MDC_REQUEST_ID, id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            Object id = request.getProperty(REQUEST_ID);
            if (id != null) {
                response.getHeaders().putSingle(REQUEST_ID_HEADER, id);
            }
            if (ACCESS.isInfoEnabled()) {
                writer.write(line(request, response.getStatus()));
            }
        } finally {
            MDC.remove(MDC_REQUEST_ID);
        }
    }

    /** A version 4 UUID from a fast generator: request ids must be unique, not unguessable. */
    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The client's {@code X-Request-Id} when it is a plain token, otherwise a new one. */
    static String requestId(String header) {
        return header != null && PLAIN_ID.matcher(header).matches() ? header : randomId();
    }

    static String line(ContainerRequestContext request, int status) {
        Object started = request.getProperty(STARTED);
        long millis = started instanceof Long t ? (System.nanoTime() - t) / 1_000_000 : -1;
        return line(request.getMethod(), request.getUriInfo().getRequestUri().getRawPath(), status, millis,
                request.getProperty(REMOTE_ADDRESS), request.getProperty(ACCOUNT_ID), request.getProperty(REQUEST_ID));
    }

    /** The line of one request; {@code rawPath} without the query string. */
    static String line(String method, String rawPath, int status, long millis, Object remote, Object account,
            Object requestId) {
        return "method=" + (method != null && METHOD.matcher(method).matches() ? method : "?")
                + " path=" + path(rawPath)
                + " status=" + status
                + " duration_ms=" + millis
                + " remote=" + orDash(remote)
                + " account=" + orDash(account)
                + " request_id=" + orDash(requestId);
    }

    /** A raw URI path holds no spaces or control characters. */
    private static String path(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "/";
        }
        return raw.length() > 512 ? raw.substring(0, 512) + "…" : raw;
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    private String remoteAddress() {
        try {
            return servletRequest == null ? null : servletRequest.getRemoteAddr();
        } catch (RuntimeException e) {
            // no servlet request behind this one (not served by the servlet container)
            return null;
        }
    }
}
