package io.berth.rest.internal;

import io.berth.api.account.Accounts;
import io.berth.api.domain.Caller;
import io.berth.api.domain.Page;
import io.berth.api.server.Server;
import io.berth.api.server.Servers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code GET /api/servers} without parameters, what the dashboard polls, in front of the
 * JAX-RS application: the same authentication ({@link Authenticator}), the same page
 * ({@link Servers#list}, which core keeps in memory until one of the owner's servers changes) and
 * the same bytes and headers as {@link ServersResource#list}, whose JSON is kept here as long as
 * core answers the very same page. Every other request, and every request this one would refuse
 * or fail, goes on to the JAX-RS application, which answers it as usual (problem+json and all).
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterName("berth.server-list")
@HttpWhiteboardFilterPattern("/servers")
@HttpWhiteboardContextSelect(ServerListFilter.REST_CONTEXT)
public final class ServerListFilter implements Filter {

    /** The servlet context the JAX-RS whiteboard mounts its application in (one per HTTP runtime). */
    static final String REST_CONTEXT = "(osgi.http.whiteboard.context.name=ContextForRestWhiteboard.*)";
    static final String JSON = "application/json";
    /** How many bytes of JSON are kept at most, over all owners. */
    static final long KEPT_BYTES = 16L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(ServerListFilter.class);

    /** A page as core answered it, and its JSON. */
    private record Rendered(Page<Server> page, byte[] json) {
    }

    private final Authenticator authenticator;
    private final Servers servers;
    private final AccessLogWriter accessLog;
    private final Cache<UUID, Rendered> rendered = Caffeine.newBuilder().maximumWeight(KEPT_BYTES)
            .<UUID, Rendered>weigher((owner, r) -> r.json().length).expireAfterAccess(Duration.ofMinutes(10)).build();

    @Activate
    public ServerListFilter(@Reference Tokens tokens, @Reference Accounts accounts,
            @Reference Servers servers) {
        this(new Authenticator(tokens, accounts), servers, AccessLogWriter.start(AccessLog::toLogger));
    }

    ServerListFilter(Authenticator authenticator, Servers servers, AccessLogWriter accessLog) {
        this.authenticator = authenticator;
        this.servers = servers;
        this.accessLog = accessLog;
    }

    @Deactivate
    void close() {
        accessLog.close();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !isPlainList(request)) {
            chain.doFilter(req, res);
            return;
        }
        long started = System.nanoTime();
        String remote = request.getRemoteAddr();
        byte[] json;
        Caller caller;
        try {
            caller = authenticator.authenticate(request.getHeader("Authorization"), remote);
            json = json(caller, servers.list(caller, null, null, Params.DEFAULT_LIMIT));
        } catch (RuntimeException e) {
            // a refusal or failure: the JAX-RS application answers it the way it answers everything
            LOG.debug("server list left to the REST application: {}", e.toString());
            chain.doFilter(req, res);
            return;
        }
        String id = AccessLog.requestId(request.getHeader(AccessLog.REQUEST_ID_HEADER));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(JSON);
        response.setContentLength(json.length);
        response.setHeader(AccessLog.REQUEST_ID_HEADER, id);
        response.getOutputStream().write(json);
        if (AccessLog.enabled()) {
            accessLog.write(AccessLog.line(request.getMethod(), request.getRequestURI(), HttpServletResponse.SC_OK,
                    (System.nanoTime() - started) / 1_000_000, remote, caller.accountId(), id));
        }
    }

    /** A {@code GET} without a query string that accepts JSON: the page core keeps. */
    static boolean isPlainList(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && request.getQueryString() == null
                && acceptsJson(request.getHeader("Accept"));
    }

    /**
     * Whether the {@code Accept} header admits {@code application/json} (no header, {@code *}{@code /*},
     * {@code application/*}, {@code application/json}) with a weight above 0; anything unusual is
     * the JAX-RS application's to negotiate.
     */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!type.equals(JSON) && !type.equals("application/*") && !type.equals("*/*")) {
                continue;
            }
            boolean weighted = true;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        weighted = Double.parseDouble(parameter.substring(2)) > 0;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            if (weighted) {
                return true;
            }
        }
        return false;
    }

    private byte[] json(Caller caller, Page<Server> page) {
        Rendered kept = rendered.getIfPresent(caller.accountId());
        if (kept != null && kept.page() == page) {
            return kept.json();
        }
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(PageJson.of(page, ServerJson::of));
            rendered.put(caller.accountId(), new Rendered(page, json));
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the server list", e);
        }
    }
}
