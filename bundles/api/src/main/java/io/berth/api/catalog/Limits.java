package io.berth.api.catalog;

/** The bounds of free-form sizing, when a request gives resources instead of a plan. */
public record Limits(int maxCpuCores, int maxMemoryMb, int maxDiskGb) {
}
