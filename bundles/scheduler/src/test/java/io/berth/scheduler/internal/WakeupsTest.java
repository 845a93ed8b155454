package io.berth.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WakeupsTest {

    @Test
    void wakesTheEngineWhenTheRescheduledJobFallsDueNotBefore() throws Exception {
        CountDownLatch woken = new CountDownLatch(1);
        try (Wakeups wakeups = new Wakeups(Clock.systemUTC())) {
            wakeups.target(woken::countDown);
            long start = System.nanoTime();
            wakeups.at(Instant.now().plusMillis(300));

            assertThat(woken.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
        }
    }

    @Test
    void aJobDueAtOnceIsLookedForOnlyAfterItsRescheduleIsWritten() throws Exception {
        CountDownLatch woken = new CountDownLatch(1);
        try (Wakeups wakeups = new Wakeups(Clock.systemUTC())) {
            wakeups.target(woken::countDown);
            long start = System.nanoTime();
            wakeups.at(Instant.now().minusSeconds(1));

            assertThat(woken.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Wakeups.MIN_DELAY);
        }
    }

    @Test
    void afterCloseNothingIsWokenAndAFailingCheckIsOnlyAHint() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        Wakeups wakeups = new Wakeups(Clock.systemUTC());
        CountDownLatch first = new CountDownLatch(1);
        wakeups.target(() -> {
            checks.incrementAndGet();
            first.countDown();
            throw new IllegalStateException("engine stopping");
        });
        wakeups.at(Instant.now());
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        wakeups.at(Instant.now()); // the timer survived the failing check
        Thread.sleep(300);
        assertThat(checks.get()).isEqualTo(2);

        wakeups.close();
        wakeups.at(Instant.now());
        Thread.sleep(200);
        assertThat(checks.get()).isEqualTo(2);
    }
}
