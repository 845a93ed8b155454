package io.berth.api.server;

import io.berth.api.domain.Caller;
import io.berth.api.domain.Page;
import io.berth.api.hypervisor.PowerAction;

import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Servers as users and admins act on them. Another user's server is not found, never forbidden.
 * Every change writes the new state and the job that carries it out in one transaction.
 */
@ProviderType
public interface Servers {

    /** The caller's servers, newest last, optionally with one status only. */
    Page<Server> list(Caller caller, ServerStatus status, String cursor, int limit);

    /** Every server, for admins. */
    Page<Server> listAll(Caller caller, ServerStatus status, String cursor, int limit);

    Server get(Caller caller, UUID id);

    /**
     * Orders a server. With an idempotency key, the same key and the same request return the same
     * server; the same key with another request is a conflict.
     */
    Created create(Caller caller, CreateServer request, String idempotencyKey);

    /** Starts a power action; refused with a conflict when it makes no sense in the current status. */
    Server act(Caller caller, UUID id, PowerAction action);

    /** Starts termination: the VM, its VPN peer, DNS records and exposures go. */
    Server terminate(Caller caller, UUID id);

    /** Suspends a server (admins): its owner's power actions are refused until unsuspended. */
    Server suspend(Caller caller, UUID id);

    Server unsuspend(Caller caller, UUID id);
}
