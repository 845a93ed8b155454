package io.berth.core.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.domain.ConflictException;
import io.berth.api.hypervisor.PowerAction;
import io.berth.api.server.ServerStatus;

import org.junit.jupiter.api.Test;

class ServerStateMachineTest {

    @Test
    void powerActionsStartFromTheStatusesWhereTheyMakeSense() {
        assertThat(ServerStateMachine.act(ServerStatus.STOPPED, PowerAction.START)).isEqualTo(ServerStatus.STARTING);
        assertThat(ServerStateMachine.act(ServerStatus.RUNNING, PowerAction.STOP)).isEqualTo(ServerStatus.STOPPING);
        assertThat(ServerStateMachine.act(ServerStatus.RUNNING, PowerAction.SHUTDOWN)).isEqualTo(ServerStatus.STOPPING);
        assertThat(ServerStateMachine.act(ServerStatus.RUNNING, PowerAction.REBOOT)).isEqualTo(ServerStatus.REBOOTING);
    }

    @Test
    void everyOtherPowerActionIsAConflictThatSaysWhy() {
        for (ServerStatus status : ServerStatus.values()) {
            for (PowerAction action : PowerAction.values()) {
                boolean allowed = switch (action) {
                    case START -> status == ServerStatus.STOPPED;
                    case STOP -> status == ServerStatus.RUNNING || status == ServerStatus.STARTING
                            || status == ServerStatus.REBOOTING;
                    case SHUTDOWN, REBOOT -> status == ServerStatus.RUNNING;
                };
                if (!allowed) {
                    assertThatThrownBy(() -> ServerStateMachine.act(status, action))
                            .isInstanceOf(ConflictException.class).hasMessageContaining(status.wireName());
                }
            }
        }
    }

    @Test
    void terminationAndSuspension() {
        ServerStateMachine.terminate(ServerStatus.FAILED, false);
        assertThatThrownBy(() -> ServerStateMachine.terminate(ServerStatus.PROVISIONING, false))
                .isInstanceOf(ConflictException.class).hasMessageContaining("wait");
        assertThatThrownBy(() -> ServerStateMachine.terminate(ServerStatus.SUSPENDED, false))
                .hasMessageContaining("only an admin");
        ServerStateMachine.terminate(ServerStatus.SUSPENDED, true);
        assertThatThrownBy(() -> ServerStateMachine.suspend(ServerStatus.TERMINATING)).isInstanceOf(ConflictException.class);
    }

    @Test
    void workflowsSettleOnlyAlongTheTable() {
        assertThat(ServerStateMachine.canSettle(ServerStatus.PROVISIONING, ServerStatus.RUNNING)).isTrue();
        assertThat(ServerStateMachine.canSettle(ServerStatus.TERMINATING, ServerStatus.TERMINATED)).isTrue();
        assertThat(ServerStateMachine.canSettle(ServerStatus.RUNNING, ServerStatus.RUNNING)).as("repeat").isTrue();
        assertThat(ServerStateMachine.canSettle(ServerStatus.TERMINATED, ServerStatus.RUNNING)).isFalse();
        assertThat(ServerStateMachine.canSettle(ServerStatus.SUSPENDED, ServerStatus.STOPPED)).isFalse();
        assertThat(ServerStateMachine.canSettle(ServerStatus.PROVISIONING, ServerStatus.STOPPED)).isFalse();
    }
}
