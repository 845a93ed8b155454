package io.berth.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheMaximum() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertThat(b.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(b.ceiling(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.ceiling(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterTakesOffAtMostHalf() {
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0).delay(3))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.999).delay(3))
                .isBetween(Duration.ofMillis(3990), Duration.ofSeconds(4));
    }

    @RepeatedTest(20)
    void randomDelaysStayInTheirBand() {
        Duration d = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10)).delay(4);
        assertThat(d).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
    }

    @Test
    void retryHandlerGivesUpAfterMaxAttempts() {
        RetryHandler h = new RetryHandler(new Driver().runner(), new Backoff(Duration.ofSeconds(1),
                Duration.ofSeconds(8)), 3);
        assertThat(h.decide(1).exhausted()).isFalse();
        assertThat(h.decide(2).exhausted()).isFalse();
        assertThat(h.decide(2).delay()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(h.decide(3).exhausted()).isTrue();
    }
}
