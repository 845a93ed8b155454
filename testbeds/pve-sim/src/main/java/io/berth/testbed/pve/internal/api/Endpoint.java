package io.berth.testbed.pve.internal.api;

import io.berth.testbed.pve.internal.schema.Schema;

/**
 * One method of the API tree as the simulator implements it.
 *
 * @param method      the HTTP method
 * @param path        the path template below {@code /api2/json}
 * @param parameters  the parameter schema (an object schema; path variables included, as in PVE)
 * @param allowToken  whether API tokens may call it ({@code allowtoken})
 * @param proxyToNode whether it is proxied to the node named in the path ({@code proxyto => 'node'})
 * @param handler     what handles it
 */
public record Endpoint(String method, PathTemplate path, Schema parameters, boolean allowToken, boolean proxyToNode,
                       EndpointHandler handler) {
}
