package io.berth.api.hypervisor;

/** Power actions a user may ask for. */
public enum PowerAction {
    /** Power on. */
    START,
    /** Power off at once, like pulling the plug. */
    STOP,
    /** Ask the guest OS to shut down (ACPI). */
    SHUTDOWN,
    /** Ask the guest OS to reboot. */
    REBOOT
}
