package io.berth.testbed.pve;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A read-only view of the simulated cluster for tests; each call returns a fresh snapshot. */
public interface SimState {

    /** All guests, templates included, by VMID. */
    List<VmView> vms();

    Optional<VmView> vm(int vmid);

    /** How many clone requests were accepted (answered with a UPID) for this target VMID. */
    int cloneRequests(int newid);

    /** Accepted clone requests by target VMID. */
    Map<Integer, Integer> cloneRequests();

    /** All recorded tasks, oldest first. */
    List<TaskView> tasks();

    Optional<TaskView> task(String upid);

    /** How many {@code /api2} requests arrived. */
    long apiRequests();

    /**
     * How many {@code /api2} requests each implemented method got, by {@code "METHOD /path/{template}"}
     * (requests that failed before the method was found are only in {@link #apiRequests()}).
     */
    Map<String, Long> apiRequestsByEndpoint();
}
