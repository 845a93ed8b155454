package io.berth.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final SlidingWindow window = new SlidingWindow(3, Duration.ofMinutes(15), clock);

    @Test
    void blocksAtTheLimitUntilTheOldestFailureAgesOut() {
        window.recordFailure("k");
        clock.advance(Duration.ofMinutes(5));
        window.recordFailure("k");
        assertThat(window.blockedFor("k")).isZero();
        clock.advance(Duration.ofMinutes(1));
        window.recordFailure("k");
        assertThat(window.blockedFor("k")).isEqualTo(Duration.ofMinutes(9));

        clock.advance(Duration.ofMinutes(9).minusMillis(1));
        assertThat(window.blockedFor("k")).isEqualTo(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(window.blockedFor("k")).as("the first failure left the window").isZero();

        // sliding, not fixed: one new failure blocks again until the second one ages out
        window.recordFailure("k");
        assertThat(window.blockedFor("k")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void keysAreIndependentAndResetClearsOne() {
        for (int i = 0; i < 3; i++) {
            window.recordFailure("a");
        }
        assertThat(window.blockedFor("a")).isPositive();
        assertThat(window.blockedFor("b")).isZero();
        window.reset("a");
        assertThat(window.blockedFor("a")).isZero();
    }

    @Test
    void keepsNoMoreThanTheLimitAndSweepsAgedKeys() {
        for (int i = 0; i < 100; i++) {
            window.recordFailure("a");
            clock.advance(Duration.ofSeconds(1));
        }
        // only the last three failures count: blocked until the 98th is 15 minutes old
        assertThat(window.blockedFor("a")).isEqualTo(Duration.ofMinutes(15).minusSeconds(3));
        window.recordFailure("b");
        assertThat(window.size()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(16));
        window.sweep();
        assertThat(window.size()).isZero();
    }
}
