package io.berth.core.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.domain.Caller;
import io.berth.api.domain.ConflictException;
import io.berth.api.server.CreateServer;
import io.berth.api.server.Created;
import io.berth.api.server.Server;
import io.berth.api.server.ServerStatus;
import io.berth.core.internal.server.OrderQueue.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderQueueTest {

    private final Caller alice = new Caller(UUID.randomUUID(), "alice@example.com", false, "192.0.2.1");
    private final Caller bob = new Caller(UUID.randomUUID(), "bob@example.com", false, "192.0.2.2");
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstWriteEntered = new CountDownLatch(1);
    private final CountDownLatch releaseFirstWrite = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        releaseFirstWrite.countDown();
        threads.shutdownNow();
    }

    /** Records each batch; the first write waits until released; an order named "bad" is refused. */
    private List<Outcome> write(UUID account, List<ServerOrder> orders) {
        batches.add(orders.stream().map(ServerOrder::name).toList());
        if (batches.size() == 1) {
            firstWriteEntered.countDown();
            await(releaseFirstWrite);
        }
        if (orders.stream().anyMatch(o -> o.name().equals("explode"))) {
            throw new IllegalStateException("the database went away");
        }
        return orders.stream().map(o -> o.name().equals("bad") ? Outcome.refused(new ConflictException("bad name"))
                : Outcome.made(created(o))).toList();
    }

    @Test
    void ordersArrivingDuringAWriteAreWrittenTogetherAfterIt() throws Exception {
        OrderQueue queue = new OrderQueue(1, 100, Duration.ofSeconds(10), this::write);
        Future<Created> first = firstWriteRunning(queue);
        List<Future<Created>> waiting = submitS1ToS5(queue);
        Thread.sleep(200); // all five are queued behind the running write

        releaseFirstWrite.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).server().name()).isEqualTo("s0");
        for (int i = 0; i < 5; i++) {
            assertThat(waiting.get(i).get(5, TimeUnit.SECONDS).server().name()).isEqualTo("s" + (i + 1));
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).containsExactlyInAnyOrder("s1", "s2", "s3", "s4", "s5");
    }

    @Test
    void aRefusalIsTheRefusedOrdersAloneAndAFailedWriteFailsItsWholeBatch() throws Exception {
        OrderQueue queue = new OrderQueue(1, 100, Duration.ofSeconds(10), this::write);
        Future<Created> first = firstWriteRunning(queue);
        Future<Created> good = threads.submit(() -> queue.submit(order(alice, "good")));
        Future<Created> bad = threads.submit(() -> queue.submit(order(alice, "bad")));
        Thread.sleep(200);
        releaseFirstWrite.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).server().name()).isEqualTo("s0");
        assertThat(good.get(5, TimeUnit.SECONDS).server().name()).isEqualTo("good");
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ConflictException.class)
                .hasMessageContaining("bad name");

        Future<Created> alongside = threads.submit(() -> queue.submit(order(alice, "alongside")));
        assertThat(alongside.get(5, TimeUnit.SECONDS).server().name()).isEqualTo("alongside");
        assertThatThrownBy(() -> queue.submit(order(alice, "explode"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the database went away");
        assertThat(queue.submit(order(alice, "after")).server().name()).isEqualTo("after");
    }

    @Test
    void accountsSharingALockAreWrittenInBatchesOfTheirOwn() throws Exception {
        OrderQueue queue = new OrderQueue(1, 100, Duration.ofSeconds(10), this::write);
        Future<Created> first = firstWriteRunning(queue);
        Future<Created> a = threads.submit(() -> queue.submit(order(alice, "a1")));
        Future<Created> b = threads.submit(() -> queue.submit(order(bob, "b1")));
        Thread.sleep(200);
        releaseFirstWrite.countDown();

        assertThat(a.get(5, TimeUnit.SECONDS).server().ownerId()).isEqualTo(alice.accountId());
        assertThat(b.get(5, TimeUnit.SECONDS).server().ownerId()).isEqualTo(bob.accountId());
        first.get(5, TimeUnit.SECONDS);
        assertThat(batches).containsExactlyInAnyOrder(List.of("s0"), List.of("a1"), List.of("b1"));
    }

    @Test
    void aBatchTakesAtMostTheLimitAndTheRestFollows() throws Exception {
        OrderQueue queue = new OrderQueue(1, 2, Duration.ofSeconds(10), this::write);
        Future<Created> first = firstWriteRunning(queue);
        List<Future<Created>> waiting = submitS1ToS5(queue);
        Thread.sleep(200);
        releaseFirstWrite.countDown();

        first.get(5, TimeUnit.SECONDS);
        for (Future<Created> f : waiting) {
            f.get(5, TimeUnit.SECONDS);
        }
        assertThat(batches.subList(1, batches.size())).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(2));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(6);
    }

    @Test
    void anOrderThatWaitsLongerThanThePatienceIsRefusedAndNeverWritten() throws Exception {
        OrderQueue queue = new OrderQueue(1, 100, Duration.ofMillis(100), this::write);
        Future<Created> first = firstWriteRunning(queue);

        assertThatThrownBy(() -> queue.submit(order(alice, "late"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("too many orders");

        releaseFirstWrite.countDown();
        first.get(5, TimeUnit.SECONDS);
        assertThat(queue.submit(order(alice, "next")).server().name()).isEqualTo("next");
        assertThat(batches).containsExactly(List.of("s0"), List.of("next"));
    }

    /** Order "s0" of alice, in a write that runs until released. */
    private Future<Created> firstWriteRunning(OrderQueue queue) throws InterruptedException {
        Future<Created> first = threads.submit(() -> queue.submit(order(alice, "s0")));
        assertThat(firstWriteEntered.await(5, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    /** Orders "s1" to "s5" of alice, each on a thread of its own. */
    private List<Future<Created>> submitS1ToS5(OrderQueue queue) {
        List<Future<Created>> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String name = "s" + i;
            waiting.add(threads.submit(() -> queue.submit(order(alice, name))));
        }
        return waiting;
    }

    private static ServerOrder order(Caller caller, String name) {
        return new ServerOrder(caller, new CreateServer(name, UUID.randomUUID(), null, 1, 1024, 10, List.of()), null, null);
    }

    private static Created created(ServerOrder o) {
        Instant now = Instant.now();
        return new Created(new Server(UUID.randomUUID(), o.accountId(), o.name(), ServerStatus.PROVISIONING, "queued",
                null, null, 1, 1024, 10, null, null, null, Map.of(), now, now), false);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
