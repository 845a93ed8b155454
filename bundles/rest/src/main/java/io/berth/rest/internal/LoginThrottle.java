package io.berth.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Limits failed logins per account (the email as typed, whether or not it exists) and per client
 * address, each over a sliding window. In memory and per node: a client spreading its attempts
 * over n nodes gets n times the budget, and a restart forgets the counts.
 */
@Component(service = LoginThrottle.class, configurationPid = LoginThrottle.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LoginThrottle.Config.class)
public final class LoginThrottle {

    static final String PID = "io.berth.rest.login";

    @ObjectClassDefinition(name = "Berth login throttle",
            description = "How many failed logins are allowed before the API answers 429 (per node, in memory).")
    public @interface Config {

        @AttributeDefinition(name = "Failures per account", min = "1",
                description = "Failed logins for one email within the window before it is blocked.")
        int account__failures() default 5;

        @AttributeDefinition(name = "Failures per address", min = "1",
                description = "Failed logins from one client address within the window before it is blocked.")
        int address__failures() default 20;

        @AttributeDefinition(name = "Window (seconds)", min = "1",
                description = "The sliding window the failures are counted over.")
        int window__seconds() default 900;
    }

    private final SlidingWindow byAccount;
    private final SlidingWindow byAddress;

    @Activate
    public LoginThrottle(Config config) {
        this(config.account__failures(), config.address__failures(), Duration.ofSeconds(config.window__seconds()),
                Clock.systemUTC());
    }

    LoginThrottle(int accountFailures, int addressFailures, Duration window, Clock clock) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(PID + ": window_seconds must be positive");
        }
        this.byAccount = new SlidingWindow(accountFailures, window, clock);
        this.byAddress = new SlidingWindow(addressFailures, window, clock);
    }

    /** How long this login must wait, {@link Duration#ZERO} when it may go ahead. */
    Duration blockedFor(String email, String address) {
        Duration account = byAccount.blockedFor(accountKey(email));
        Duration remote = byAddress.blockedFor(addressKey(address));
        return account.compareTo(remote) >= 0 ? account : remote;
    }

    void failed(String email, String address) {
        byAccount.recordFailure(accountKey(email));
        byAddress.recordFailure(addressKey(address));
    }

    /** A successful login clears its account's failures (not its address's). */
    void succeeded(String email) {
        byAccount.reset(accountKey(email));
    }

    /** Whole seconds to put into {@code Retry-After}, rounded up, at least 1. */
    static long retryAfterSeconds(Duration wait) {
        long seconds = (wait.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }

    private static String accountKey(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return address == null ? "unknown" : address;
    }
}
