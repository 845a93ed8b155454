package io.berth.testbed.pve.internal.api;

/** Handles the calls of one endpoint; failures are thrown as {@code PveError}. */
@FunctionalInterface
public interface EndpointHandler {

    ApiResult handle(ApiCall call) throws InterruptedException;
}
