package io.berth.console.internal;

import io.berth.api.account.Account;
import io.berth.api.account.Accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets Berth admins into the Felix Web Console (HTTP Basic, email and password). Until the
 * account store is up, only the first admin configured for bootstrap (PID
 * {@code io.berth.core.bootstrap}, which the launcher fills from {@code BERTH_ADMIN_EMAIL} /
 * {@code BERTH_ADMIN_PASSWORD}) is admitted. The launcher makes the console require this provider,
 * so there is never a default admin/admin.
 */
@Component(property = SecurityProvider.PROPERTY_ID + "=berth", configurationPid = "io.berth.core.bootstrap",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class AdminSecurityProvider implements SecurityProvider {

    /** The bootstrap admin's configuration (shared with core's first-admin component). */
    @interface Bootstrap {
        String email() default "";

        String _password() default "";
    }

    static final String REALM = "Berth Web Console";
    private static final Logger LOG = LoggerFactory.getLogger(AdminSecurityProvider.class);

    private final String bootstrapEmail;
    private final String bootstrapPassword;
    private volatile Accounts accounts;

    @Activate
    public AdminSecurityProvider(Bootstrap bootstrap) {
        this(bootstrap.email(), bootstrap._password());
    }

    AdminSecurityProvider(String bootstrapEmail, String bootstrapPassword) {
        this.bootstrapEmail = bootstrapEmail;
        this.bootstrapPassword = bootstrapPassword;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setAccounts(Accounts accounts) {
        this.accounts = accounts;
    }

    void unsetAccounts(Accounts accounts) {
        if (this.accounts == accounts) {
            this.accounts = null;
        }
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        Optional<String[]> credentials = basic(request.getHeader("Authorization"));
        Object user = credentials.map(c -> admit(c[0], c[1], request.getRemoteAddr())).orElse(null);
        if (user == null) {
            challenge(response);
        }
        return user;
    }

    private Object admit(String email, String password, String remote) {
        Accounts store = accounts;
        if (store != null) {
            Optional<Account> account = store.authenticate(email, password).filter(Account::admin);
            if (account.isEmpty()) {
                LOG.info("web console login refused email={} remote={}", email, remote);
            }
            return account.orElse(null);
        }
        if (bootstrapEmail != null && bootstrapPassword != null && !bootstrapPassword.isEmpty()
                && bootstrapEmail.equalsIgnoreCase(email) && constantTimeEquals(bootstrapPassword, password)) {
            return "bootstrap:" + bootstrapEmail;
        }
        LOG.info("web console login refused email={} remote={} (account store not available yet)", email, remote);
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user != null;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        challenge(response);
    }

    static Optional<String[]> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static void challenge(HttpServletResponse response) {
        try {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        } catch (IOException | IllegalStateException committed) {
            // the response is already on its way: nothing more to say
        }
    }
}
