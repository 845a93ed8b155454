package io.berth.api.catalog;

import java.util.UUID;

/** A server size on offer. */
public record Plan(UUID id, String name, int cpuCores, int memoryMb, int diskGb) {
}
