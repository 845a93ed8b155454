package io.berth.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofMinutes(15), clock);

    @Test
    void fiveFailuresBlockTheAccountFromAnyAddress() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.blockedFor("alice@example.com", "10.0.0." + i)).isZero();
            throttle.failed("alice@example.com", "10.0.0." + i);
        }
        assertThat(throttle.blockedFor("alice@example.com", "10.9.9.9")).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.blockedFor(" Alice@Example.COM ", "10.9.9.9")).as("the same account").isPositive();
        assertThat(throttle.blockedFor("bob@example.com", "10.0.0.1")).isZero();
    }

    @Test
    void twentyFailuresBlockTheAddressForEveryAccount() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i + "@example.com", "192.0.2.1");
        }
        assertThat(throttle.blockedFor("fresh@example.com", "192.0.2.1")).isPositive();
        assertThat(throttle.blockedFor("fresh@example.com", "192.0.2.2")).isZero();
    }

    @Test
    void successClearsTheAccountButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice@example.com", "192.0.2.1");
        }
        throttle.succeeded("ALICE@example.com");
        throttle.failed("alice@example.com", "192.0.2.1");
        assertThat(throttle.blockedFor("alice@example.com", "192.0.2.5")).isZero();
        for (int i = 0; i < 15; i++) {
            throttle.failed("x" + i, "192.0.2.1");
        }
        assertThat(throttle.blockedFor("alice@example.com", "192.0.2.1")).as("20 from that address").isPositive();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMillis(1000))).isEqualTo(1);
        assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMinutes(15))).isEqualTo(900);
    }
}
