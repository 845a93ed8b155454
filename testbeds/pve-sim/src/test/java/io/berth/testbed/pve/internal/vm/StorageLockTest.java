package io.berth.testbed.pve.internal.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.testbed.pve.internal.PveError;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A storage lock's queue runs on the storage's clock, not on when the simulator's threads wake. */
class StorageLockTest {

    private static final Duration HOLD = Duration.ofNanos(15);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ManualClock clock = new ManualClock();
    private final StorageLock lock = new StorageLock(clock);

    @Test
    void aQueuedAllocationEndsOneHoldAfterTheOneBeforeItEvenWhenItsThreadWakesLate() throws Exception {
        CompletableFuture<Void> first = hold(HOLD);
        clock.awaitSleepers(1);
        CompletableFuture<Void> second = hold(HOLD); // arrives at 0, queues behind the first
        awaitQueued();

        clock.advanceTo(25); // the first's thread wakes 10 late
        first.get(5, TimeUnit.SECONDS);
        clock.awaitSleepers(1);
        assertThat(clock.deadlines).containsExactly(15L, 30L); // not 25 + 15

        clock.advanceTo(30);
        second.get(5, TimeUnit.SECONDS);
    }

    @Test
    void anAllocationOntoAFreeLockEndsOneHoldAfterItArrived() throws Exception {
        clock.advanceTo(100);
        CompletableFuture<Void> only = hold(HOLD);
        clock.awaitSleepers(1);
        clock.advanceTo(500); // long after: the next one starts when it arrives, it owes nothing
        only.get(5, TimeUnit.SECONDS);

        CompletableFuture<Void> next = hold(HOLD);
        clock.awaitSleepers(1);
        assertThat(clock.deadlines).containsExactly(115L, 515L);
        clock.advanceTo(515);
        next.get(5, TimeUnit.SECONDS);
    }

    @Test
    void anAllocationThatCannotGetTheLockInTimeFailsWithTheStoragesMessage() throws Exception {
        CompletableFuture<Void> first = hold(HOLD);
        clock.awaitSleepers(1);
        assertThatThrownBy(() -> lock.hold(HOLD, Duration.ofMillis(50), () -> PveError.of("got timeout")))
                .isInstanceOf(PveError.class).hasMessage("got timeout");
        clock.advanceTo(15);
        first.get(5, TimeUnit.SECONDS);
        assertThat(clock.deadlines).containsExactly(15L);
    }

    private CompletableFuture<Void> hold(Duration hold) {
        return CompletableFuture.runAsync(() -> {
            try {
                lock.hold(hold, WAIT, () -> PveError.of("timeout"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits until some thread is blocked in the lock's queue (the holder sleeps on the clock's monitor). */
    private void awaitQueued() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Thread.getAllStackTraces().keySet().stream().noneMatch(StorageLockTest::queuedOnTheLock)) {
            assertThat(System.nanoTime()).as("a thread queued on the lock").isLessThan(until);
            Thread.sleep(5);
        }
    }

    private static boolean queuedOnTheLock(Thread t) {
        return t.getState() == Thread.State.TIMED_WAITING
                && List.of(t.getStackTrace()).stream().anyMatch(f -> f.getMethodName().equals("tryLock"));
    }

    /** A clock the test moves; sleepers block until it reaches their deadline, which is recorded. */
    private static final class ManualClock implements StorageClock {

        final List<Long> deadlines = new CopyOnWriteArrayList<>();
        private long now;
        private int sleepers;

        @Override
        public synchronized long nanos() {
            return now;
        }

        @Override
        public synchronized void sleepUntil(long deadline) throws InterruptedException {
            deadlines.add(deadline);
            sleepers++;
            notifyAll();
            try {
                while (now < deadline) {
                    wait();
                }
            } finally {
                sleepers--;
            }
        }

        synchronized void advanceTo(long t) {
            now = t;
            notifyAll();
        }

        synchronized void awaitSleepers(int n) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (sleepers != n) {
                long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                assertThat(left).as("%d sleepers on the clock", n).isPositive();
                wait(left);
            }
        }
    }
}
