package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerMarkerTest {

    @Test
    void writesAndReadsTheMarker() {
        String description = ServerMarker.description("7b1f0c9e-4bb1-4e0e-8f0e-1f8c8a3f9d11");

        assertThat(ServerMarker.serverId(description)).contains("7b1f0c9e-4bb1-4e0e-8f0e-1f8c8a3f9d11");
    }

    @Test
    void keepsOtherTextAndReplacesAnOldMarker() {
        String existing = "Customer notes\n\n" + ServerMarker.description("old");

        String updated = ServerMarker.description(existing, "new");

        assertThat(updated).startsWith("Customer notes").doesNotContain("old");
        assertThat(ServerMarker.serverId(updated)).contains("new");
        assertThat(ServerMarker.description(updated, "new")).isEqualTo(updated);
        assertThat(ServerMarker.serverId("no marker here")).isEmpty();
    }

    @Test
    void refusesIdsWithWhiteSpace() {
        assertThatThrownBy(() -> ServerMarker.description("a b")).isInstanceOf(IllegalArgumentException.class);
    }
}
