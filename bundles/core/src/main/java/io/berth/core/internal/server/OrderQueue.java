package io.berth.core.internal.server;

import io.berth.api.domain.ConflictException;
import io.berth.api.server.Created;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where the orders of one account wait on this node, in arrival order, and are written together:
 * the first order to find no write under way writes every order waiting then, one batch per
 * account ({@link Writer}), and the orders that arrive meanwhile form the next batch (group
 * commit). A write wakes every waiting order at its end: those it wrote return, and one of the
 * others writes the next batch at once. A burst of orders of one account then costs a few
 * transactions on one pooled connection instead of one transaction each, all of them holding
 * connections while they queue for the account row's lock; the job engine and every other
 * request keep getting connections.
 *
 * <p>The write still locks the account row: that is what orders the orders across nodes. Accounts
 * share a fixed number of queues by the hash of their id; two accounts on one queue only wait for
 * each other on this node, which costs time, never correctness.
 */
final class OrderQueue {

    /** Writes orders of one account: one outcome per order, in their order. */
    @FunctionalInterface
    interface Writer {
        List<Outcome> write(UUID account, List<ServerOrder> orders);
    }

    /** What became of one order: the server it made or found, or why it was refused. */
    record Outcome(Created created, RuntimeException refusal) {

        static Outcome made(Created created) {
            return new Outcome(Objects.requireNonNull(created, "created"), null);
        }

        static Outcome refused(RuntimeException refusal) {
            return new Outcome(null, Objects.requireNonNull(refusal, "refusal"));
        }
    }

    private final Stripe[] stripes;
    private final int maxBatch;
    private final Duration patience;
    private final Writer writer;

    OrderQueue(int queues, int maxBatch, Duration patience, Writer writer) {
        if (queues < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("queues and maxBatch must be at least 1");
        }
        this.stripes = new Stripe[queues];
        for (int i = 0; i < queues; i++) {
            stripes[i] = new Stripe();
        }
        this.maxBatch = maxBatch;
        this.patience = Objects.requireNonNull(patience, "patience");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * Writes the order, alone or with others of its account that wait at the same time.
     *
     * @throws ConflictException when the account's earlier orders kept it waiting longer than the patience
     * @throws RuntimeException the order's own refusal, or the failure of the write it was part of
     */
    Created submit(ServerOrder order) {
        Stripe stripe = stripes[Math.floorMod(order.accountId().hashCode(), stripes.length)];
        Pending mine = new Pending(order);
        long deadline = System.nanoTime() + patience.toNanos();
        boolean interrupted = false;
        stripe.lock.lock();
        try {
            stripe.waiting.add(mine);
            while (!mine.done) {
                if (!stripe.writing) {
                    write(stripe);
                    continue;
                }
                long left = deadline - System.nanoTime();
                if ((left <= 0 || interrupted) && stripe.waiting.remove(mine)) {
                    throw new ConflictException(interrupted ? "the order was interrupted; try again"
                            : "too many orders of this account at once; try again");
                }
                try {
                    // a write under way takes this order or wakes it to write the next batch
                    stripe.changed.awaitNanos(left > 0 ? left : TimeUnit.MILLISECONDS.toNanos(100));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            stripe.lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return mine.outcome();
    }

    /**
     * Writes the waiting orders (up to the batch limit), outside the stripe's lock, which the caller
     * holds on entry and on return; wakes every waiting caller when done.
     */
    private void write(Stripe stripe) {
        stripe.writing = true;
        List<Pending> batch = new ArrayList<>();
        while (batch.size() < maxBatch && !stripe.waiting.isEmpty()) {
            batch.add(stripe.waiting.poll());
        }
        Map<UUID, List<Pending>> byAccount = new LinkedHashMap<>();
        batch.forEach(p -> byAccount.computeIfAbsent(p.order.accountId(), a -> new ArrayList<>()).add(p));
        Map<Pending, Outcome> outcomes = new HashMap<>();
        Error error = null;
        stripe.lock.unlock();
        try {
            for (Map.Entry<UUID, List<Pending>> orders : byAccount.entrySet()) {
                List<Pending> pending = orders.getValue();
                try {
                    List<Outcome> written = writer.write(orders.getKey(), pending.stream().map(p -> p.order).toList());
                    for (int i = 0; i < pending.size(); i++) {
                        outcomes.put(pending.get(i), written.get(i));
                    }
                } catch (RuntimeException e) {
                    pending.forEach(p -> outcomes.put(p, Outcome.refused(e)));
                } catch (Error e) {
                    error = e;
                    pending.forEach(p -> outcomes.put(p, Outcome.refused(new IllegalStateException(e))));
                }
            }
        } finally {
            stripe.lock.lock();
            for (Pending p : batch) {
                p.outcome = outcomes.getOrDefault(p, Outcome.refused(new IllegalStateException("the write did not finish")));
                p.done = true;
            }
            stripe.writing = false;
            stripe.changed.signalAll();
        }
        if (error != null) {
            throw error;
        }
    }

    private static final class Stripe {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final Deque<Pending> waiting = new ArrayDeque<>(); // guarded by lock
        boolean writing; // guarded by lock
    }

    /** One order waiting; its outcome is set under the stripe's lock. */
    private static final class Pending {
        final ServerOrder order;
        Outcome outcome;
        boolean done;

        Pending(ServerOrder order) {
            this.order = order;
        }

        Created outcome() {
            if (outcome.refusal() != null) {
                throw outcome.refusal();
            }
            return outcome.created();
        }
    }
}
