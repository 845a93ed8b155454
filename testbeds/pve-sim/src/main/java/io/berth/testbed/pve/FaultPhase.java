package io.berth.testbed.pve;

/** When an injected request error strikes. */
public enum FaultPhase {

    /** Before the request is handled: nothing happened on the "cluster". */
    BEFORE,

    /** After the request was handled: the change happened, but the answer is lost or replaced. */
    AFTER
}
