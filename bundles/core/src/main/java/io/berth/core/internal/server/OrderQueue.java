package io.berth.core.internal.server;

import io.berth.api.domain.ConflictException;
import io.berth.api.server.Created;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where the orders of one account wait on this node, in arrival order, and are written together:
 * the first order to find no write under way writes every order waiting then, one batch per
 * account ({@link Writer}), and the orders that arrive meanwhile form the next batch (group
 * commit). A burst of orders of one account then costs a few transactions on one pooled connection
 * instead of one transaction each, all of them holding connections while they queue for the
 * account row's lock; the job engine and every other request keep getting connections.
 *
 * <p>The write still locks the account row: that is what orders the orders across nodes. Accounts
 * share a fixed number of fair locks by the hash of their id; two accounts on one lock only wait
 * for each other on this node, which costs time, never correctness.
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

    OrderQueue(int locks, int maxBatch, Duration patience, Writer writer) {
        if (locks < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("locks and maxBatch must be at least 1");
        }
        this.stripes = new Stripe[locks];
        for (int i = 0; i < locks; i++) {
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
        stripe.waiting.add(mine);
        boolean writing;
        try {
            writing = stripe.lock.tryLock(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writing = false;
        }
        if (!writing) {
            if (stripe.waiting.remove(mine)) {
                throw new ConflictException("too many orders of this account at once; try again");
            }
            return mine.outcome(); // a write took it already
        }
        try {
            while (!mine.result.isDone()) {
                writeWaiting(stripe);
            }
        } finally {
            stripe.lock.unlock();
        }
        return mine.outcome();
    }

    private void writeWaiting(Stripe stripe) {
        Map<UUID, List<Pending>> byAccount = new LinkedHashMap<>();
        Pending next;
        for (int n = 0; n < maxBatch && (next = stripe.waiting.poll()) != null; n++) {
            byAccount.computeIfAbsent(next.order.accountId(), a -> new ArrayList<>()).add(next);
        }
        for (Map.Entry<UUID, List<Pending>> batch : byAccount.entrySet()) {
            List<Pending> pending = batch.getValue();
            try {
                List<Outcome> outcomes = writer.write(batch.getKey(), pending.stream().map(p -> p.order).toList());
                for (int i = 0; i < pending.size(); i++) {
                    Outcome outcome = outcomes.get(i);
                    if (outcome.refusal() != null) {
                        pending.get(i).result.completeExceptionally(outcome.refusal());
                    } else {
                        pending.get(i).result.complete(outcome.created());
                    }
                }
            } catch (RuntimeException | Error e) {
                pending.forEach(p -> p.result.completeExceptionally(e));
                if (e instanceof Error error) {
                    throw error;
                }
            }
        }
    }

    private static final class Stripe {
        final ReentrantLock lock = new ReentrantLock(true);
        final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
    }

    private static final class Pending {
        final ServerOrder order;
        final CompletableFuture<Created> result = new CompletableFuture<>();

        Pending(ServerOrder order) {
            this.order = order;
        }

        Created outcome() {
            try {
                return result.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException refusal) {
                    throw refusal;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }
}
