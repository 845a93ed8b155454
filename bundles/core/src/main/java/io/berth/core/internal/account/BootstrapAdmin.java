package io.berth.core.internal.account;

import static io.berth.core.internal.db.schema.Tables.USERS;

import io.berth.api.account.NewAccount;
import io.berth.api.account.Quotas;
import io.berth.api.account.Role;

import java.security.SecureRandom;
import java.util.Base64;

import org.jooq.DSLContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the first admin when the database has none. Several runtimes may start at once: a
 * transaction-scoped advisory lock lets only one of them do it.
 */
@Component(service = {}, configurationPid = BootstrapConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = BootstrapConfig.class)
public final class BootstrapAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);
    private static final long LOCK = 0x6265727468L; // "berth"

    @Activate
    public BootstrapAdmin(@Reference(target = "(berth.datasource=main)") DSLContext db,
            @Reference AccountService accounts, BootstrapConfig config) {
        db.transaction(cfg -> {
            DSLContext tx = cfg.dsl();
            tx.execute("select pg_advisory_xact_lock(" + LOCK + ")");
            if (tx.fetchExists(USERS, USERS.ROLE.eq(Role.ADMIN.wireName()))) {
                return;
            }
            boolean generated = config._password() == null || config._password().isEmpty();
            String password = generated ? generate() : config._password();
            accounts.create(null, new NewAccount(config.email(), password, Role.ADMIN, Quotas.DEFAULT));
            if (generated) {
                // printed once, on the console only: this is the one way to learn it
                System.out.println("\n  Berth first admin: " + config.email() + "  password: " + password
                        + "\n  (shown once; set BERTH_ADMIN_PASSWORD or change it with berth:userpasswd)\n");
            }
            LOG.info("first admin created email={} password_source={}", config.email(),
                    generated ? "generated" : "configuration");
        });
    }

    static String generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
