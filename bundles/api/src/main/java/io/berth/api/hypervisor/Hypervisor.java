package io.berth.api.hypervisor;

import io.berth.api.provider.Provider;
import io.berth.api.provider.ProviderException;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A hypervisor cluster that makes VMs from templates. Registered as a service with the property
 * {@link #ID} set to {@link #id()}; the scheduler looks it up dynamically by that id.
 *
 * <p>Every operation is safe to repeat: the scheduler persists each handle and outcome and may
 * call an operation again after a crash. Long operations return a {@link TaskHandle} that the
 * scheduler persists and polls with {@link #task(TaskHandle)}; an operation with nothing left to do
 * returns {@link Optional#empty()}. Failures are {@link ProviderException}s whose kind says whether
 * retrying helps.
 */
@ConsumerType
public interface Hypervisor extends Provider {

    /** Service property carrying the hypervisor instance id. */
    String ID = "berth.hypervisor.id";

    /** Tag carried by every VM that Berth made, so its own VMs and orphans can be found. */
    String BERTH_TAG = "berth";

    /** The templates this hypervisor can clone from. */
    List<Template> templates() throws ProviderException;

    /**
     * Chooses where a new VM goes and a free VM id for it. This is a suggestion, not a
     * reservation: the caller persists it, then clones; on {@link ProviderException.Kind#ALREADY_EXISTS}
     * it asks again, passing the ids already tried in {@code avoid}.
     */
    Placement place(VmSpec spec, List<String> avoid) throws ProviderException;

    /**
     * Starts cloning the template into the placed VM. Fails with {@code ALREADY_EXISTS} when the
     * VM id is taken by a VM that is not this server's.
     */
    TaskHandle clone(Placement placement, VmSpec spec) throws ProviderException;

    /** The state of a task returned by any operation. */
    TaskStatus task(TaskHandle handle) throws ProviderException;

    /**
     * Asks to be told when the task ends, so that whoever waits for it need not ask {@link #task}
     * over and over: {@code whenEnded} runs once, on a thread of the hypervisor's, soon after the task
     * ended (however it ended); the caller then reads the outcome with {@link #task}. A notice is a
     * hint, not a promise (a restart of either side forgets the watch), so callers still look now and
     * then. The callback must return quickly.
     *
     * @return whether the hypervisor will tell; {@code false}, the default, when it cannot watch tasks
     * @since 1.2
     */
    default boolean watch(TaskHandle handle, Runnable whenEnded) {
        return false;
    }

    /** Applies size, cloud-init and tags; the VM must not be locked. Repeating it changes nothing. */
    Optional<TaskHandle> configure(VmRef vm, VmSpec spec) throws ProviderException;

    /** Grows the boot disk to the spec's size; empty when it already has that size. */
    Optional<TaskHandle> resizeDisk(VmRef vm, VmSpec spec) throws ProviderException;

    /** Performs a power action; empty when the VM is already in the state the action leads to. */
    Optional<TaskHandle> power(VmRef vm, PowerAction action) throws ProviderException;

    /** The VM's current state; {@link VmState.Power#ABSENT} when it does not exist. */
    VmState state(VmRef vm) throws ProviderException;

    /**
     * The VM's primary IPv4 address as its guest agent reports it, or empty while the agent is not
     * answering (or the VM has none).
     */
    Optional<String> guestAddress(VmRef vm) throws ProviderException;

    /** Stops (if needed) and deletes the VM with its disks; empty when it is already gone. */
    Optional<TaskHandle> delete(VmRef vm) throws ProviderException;

    /** Every VM carrying {@link #BERTH_TAG}, for reconciliation and orphan detection. */
    List<VmState> list() throws ProviderException;
}
