package io.berth.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How this runtime's job engine works. Every runtime sharing the database runs one. */
@ObjectClassDefinition(name = "Berth job scheduler", description = "The durable job engine that provisions, powers, "
        + "terminates and reconciles servers. Several runtimes may share one database: each job runs on one node at "
        + "a time and a node that dies hands its jobs to the others.")
public @interface SchedulerConfig {

    String PID = "io.berth.scheduler";

    @AttributeDefinition(name = "Node name", required = false, description = "This runtime's name in the job table "
            + "(picked_by). Must differ between runtimes. Empty: host name and process id.")
    String node_name() default "";

    @AttributeDefinition(name = "Threads", min = "1", max = "200", description = "Jobs this runtime works on at once.")
    int threads() default 32;

    @AttributeDefinition(name = "Polling interval (ms)", min = "50", description = "How often the engine looks for due "
            + "jobs; a new job starts within about this long.")
    long polling_interval_ms() default 300;

    @AttributeDefinition(name = "Heartbeat interval (ms)", min = "100", description = "How often a node renews the "
            + "lease of each job it runs.")
    long heartbeat_interval_ms() default 5000;

    @AttributeDefinition(name = "Missed heartbeats before dead", min = "2", description = "A job whose lease was not "
            + "renewed for this many heartbeat intervals is taken over by another node.")
    int missed_heartbeats() default 6;

    @AttributeDefinition(name = "Max attempts", min = "1", description = "Failed attempts (transient provider errors, "
            + "locks, database errors) before a job gives up, cleans up and fails.")
    int max_attempts() default 10;

    @AttributeDefinition(name = "Backoff base (ms)", min = "10", description = "Delay after the first failure; it "
            + "doubles with each further failure, with random jitter.")
    long backoff_base_ms() default 1000;

    @AttributeDefinition(name = "Backoff max (ms)", min = "10", description = "Upper bound of the retry delay.")
    long backoff_max_ms() default 300_000;

    @AttributeDefinition(name = "Task poll interval (ms)", min = "10", description = "How often a running hypervisor "
            + "task (clone, start, …) is checked at most, once it takes as long as such tasks took lately (before, the "
            + "first check comes shortly before that time). The job is rescheduled, no thread waits.")
    long task_poll_interval_ms() default 1000;

    @AttributeDefinition(name = "Provider wait (ms)", min = "10", description = "How often a job whose hypervisor is "
            + "not registered (bundle stopped or being updated) checks whether it came back.")
    long provider_wait_ms() default 5000;

    @AttributeDefinition(name = "Guest agent wait (s)", min = "0", description = "How long provisioning waits for the "
            + "guest agent to report an address before it uses the pool address.")
    long guest_agent_wait_s() default 120;

    @AttributeDefinition(name = "Power state wait (s)", min = "1", description = "How long a job waits for a VM to reach "
            + "the power state its action leads to (or to disappear after deletion) before it fails.")
    long state_wait_s() default 300;

    @AttributeDefinition(name = "Placement tries", min = "1", description = "VM ids tried when the chosen one turns out "
            + "to be taken (another node was told the same free id), before provisioning fails. Between tries the "
            + "job waits a random while, growing with the tries.")
    int placement_tries() default 10;

    @AttributeDefinition(name = "Default cloud-init user", description = "The user cloud-init creates when the job "
            + "names none (job parameter cloud_init_user).")
    String cloud_init_user() default "berth";

    @AttributeDefinition(name = "Reconcile", description = "Compare servers with what the hypervisors report and fix "
            + "drift (VMs stopped or started outside Berth, vanished VMs).")
    boolean reconcile_enabled() default true;

    @AttributeDefinition(name = "Reconcile interval (s)", min = "1")
    long reconcile_interval_s() default 30;

    @AttributeDefinition(name = "Shutdown wait (s)", min = "0", description = "How long stopping the engine waits for "
            + "running steps; what is still running then is resumed later (by this or another node).")
    long shutdown_wait_s() default 10;
}
