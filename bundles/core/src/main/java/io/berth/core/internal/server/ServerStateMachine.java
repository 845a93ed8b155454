package io.berth.core.internal.server;

import static io.berth.api.server.ServerStatus.FAILED;
import static io.berth.api.server.ServerStatus.PROVISIONING;
import static io.berth.api.server.ServerStatus.REBOOTING;
import static io.berth.api.server.ServerStatus.RUNNING;
import static io.berth.api.server.ServerStatus.STARTING;
import static io.berth.api.server.ServerStatus.STOPPED;
import static io.berth.api.server.ServerStatus.STOPPING;
import static io.berth.api.server.ServerStatus.SUSPENDED;
import static io.berth.api.server.ServerStatus.TERMINATED;
import static io.berth.api.server.ServerStatus.TERMINATING;

import io.berth.api.domain.ConflictException;
import io.berth.api.hypervisor.PowerAction;
import io.berth.api.server.ServerStatus;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Every allowed change of a server's status, in one place. Requests from users and admins start a
 * transition into a transitional status; workflows and reconciliation settle it.
 */
public final class ServerStateMachine {

    /** Power actions: from which statuses each is allowed, and the status it leads to. */
    private static final Map<PowerAction, Set<ServerStatus>> ACTION_FROM = new EnumMap<>(Map.of(
            PowerAction.START, EnumSet.of(STOPPED),
            PowerAction.STOP, EnumSet.of(RUNNING, STARTING, REBOOTING),
            PowerAction.SHUTDOWN, EnumSet.of(RUNNING),
            PowerAction.REBOOT, EnumSet.of(RUNNING)));
    private static final Map<PowerAction, ServerStatus> ACTION_TO = new EnumMap<>(Map.of(
            PowerAction.START, STARTING,
            PowerAction.STOP, STOPPING,
            PowerAction.SHUTDOWN, STOPPING,
            PowerAction.REBOOT, REBOOTING));

    /** Termination: owners from these; admins also from suspended. */
    private static final Set<ServerStatus> TERMINATE_FROM = EnumSet.of(RUNNING, STOPPED, FAILED);

    /** Suspension by an admin. */
    private static final Set<ServerStatus> SUSPEND_FROM = EnumSet.of(RUNNING, STOPPED);

    /** Where workflows (and reconciliation, for drift) may settle a server from each status. */
    private static final Map<ServerStatus, Set<ServerStatus>> SETTLE = new EnumMap<>(Map.of(
            PROVISIONING, EnumSet.of(RUNNING, FAILED),
            STARTING, EnumSet.of(RUNNING, STOPPED, FAILED),
            STOPPING, EnumSet.of(STOPPED, RUNNING, FAILED),
            REBOOTING, EnumSet.of(RUNNING, STOPPED, FAILED),
            TERMINATING, EnumSet.of(TERMINATED, FAILED),
            RUNNING, EnumSet.of(STOPPED, FAILED),
            STOPPED, EnumSet.of(RUNNING, FAILED),
            SUSPENDED, EnumSet.noneOf(ServerStatus.class),
            FAILED, EnumSet.noneOf(ServerStatus.class),
            TERMINATED, EnumSet.noneOf(ServerStatus.class)));

    private ServerStateMachine() {
    }

    /** The status a power action leads to, or a conflict explaining why it cannot start now. */
    public static ServerStatus act(ServerStatus current, PowerAction action) {
        if (current == SUSPENDED) {
            throw new ConflictException("the server is suspended: power actions are refused until an admin unsuspends it");
        }
        if (!ACTION_FROM.get(action).contains(current)) {
            throw new ConflictException("cannot " + action.name().toLowerCase() + " a server that is "
                    + current.wireName() + explain(current));
        }
        return ACTION_TO.get(action);
    }

    public static void terminate(ServerStatus current, boolean admin) {
        if (TERMINATE_FROM.contains(current) || admin && current == SUSPENDED) {
            return;
        }
        if (current == SUSPENDED) {
            throw new ConflictException("the server is suspended: only an admin can terminate it");
        }
        throw new ConflictException("cannot terminate a server that is " + current.wireName() + explain(current));
    }

    public static void suspend(ServerStatus current) {
        if (!SUSPEND_FROM.contains(current)) {
            throw new ConflictException("cannot suspend a server that is " + current.wireName()
                    + " (only running or stopped servers)");
        }
    }

    /** Whether a workflow may settle a server in {@code current} as {@code next} (same status: a repeat, allowed). */
    public static boolean canSettle(ServerStatus current, ServerStatus next) {
        return current == next || SETTLE.get(current).contains(next);
    }

    private static String explain(ServerStatus current) {
        return current.transitional() ? "; wait until it settles" : "";
    }
}
