package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Hypervisor;

import java.util.Map;
import java.util.Optional;

/** The hypervisors registered right now, by {@link Hypervisor#ID}. */
interface Hypervisors {

    Optional<Hypervisor> find(String id);

    /** A snapshot of every registered hypervisor by id. */
    Map<String, Hypervisor> all();
}
