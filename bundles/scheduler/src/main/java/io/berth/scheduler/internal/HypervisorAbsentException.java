package io.berth.scheduler.internal;

/** The hypervisor a job needs is not registered right now: the job waits for it, nothing fails. */
final class HypervisorAbsentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String hypervisorId;

    HypervisorAbsentException(String hypervisorId) {
        super("hypervisor " + hypervisorId + " is not available");
        this.hypervisorId = hypervisorId;
    }

    String hypervisorId() {
        return hypervisorId;
    }
}
