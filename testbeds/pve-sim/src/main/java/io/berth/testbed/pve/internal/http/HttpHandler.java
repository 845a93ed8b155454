package io.berth.testbed.pve.internal.http;

/** Turns a request into an {@link Outcome}; called concurrently from connection threads. */
@FunctionalInterface
public interface HttpHandler {

    Outcome handle(HttpRequest request);
}
