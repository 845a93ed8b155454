package io.berth.api.job;

/**
 * One persisted step of a job. A step's external effect (e.g. a clone) is recorded with its
 * handle as soon as it was made, so a node that resumes the job never repeats it.
 *
 * @param no its position, from 1
 * @param name its name, e.g. {@code clone}
 * @param status started, done or failed
 * @param handle the external handle of its effect (e.g. a Proxmox UPID), may be {@code null}
 * @param outcome what it produced or why it failed, may be {@code null}
 */
public record JobStep(int no, String name, Status status, String handle, String outcome) {

    public enum Status {
        STARTED, DONE, FAILED
    }
}
