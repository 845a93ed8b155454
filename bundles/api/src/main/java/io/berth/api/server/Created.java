package io.berth.api.server;

/**
 * The answer to an order.
 *
 * @param server the server
 * @param replayed whether an earlier order with the same idempotency key made it
 */
public record Created(Server server, boolean replayed) {
}
