package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProxmoxSettingsTest {

    private static final String SECRET = "0f0e0d0c-aaaa-bbbb-cccc-123456789abc";

    @Test
    void readsTheFactoryConfigurationWithDefaults() {
        ProxmoxSettings settings = ProxmoxSettings.from(TestSupport.config(Map.of(
                "berth.hypervisor.id", "pve-main",
                "api.url", "https://pve1.example.com:8006/",
                "token.id", "berth@pve!prov",
                ".token.secret", SECRET,
                "nodes", new String[] {"pve1, pve2", "pve3"},
                "clone.modes", new String[] {"pve1/9000=linked", "9001=full"})));

        assertThat(settings.id()).isEqualTo("pve-main");
        assertThat(settings.apiUrl()).hasToString("https://pve1.example.com:8006/api2/json");
        assertThat(settings.nodes()).containsExactly("pve1", "pve2", "pve3");
        assertThat(settings.storages()).isEmpty();
        assertThat(settings.vmidMin()).isEqualTo(100);
        assertThat(settings.vmidMax()).isEqualTo(999_999);
        assertThat(settings.maxClonesPerNode()).isEqualTo(2);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.credentials().token()).isTrue();
        assertThat(settings.linked(TemplateRef.parse("pve1/9000"), false)).isTrue();
        assertThat(settings.linked(TemplateRef.parse("pve2/9001"), true)).isFalse();
        assertThat(settings.linked(TemplateRef.parse("pve1/9002"), true)).isTrue();
        assertThat(settings.linked(TemplateRef.parse("pve1/9002"), false)).isFalse();
    }

    @Test
    void secretsStayOutOfToString() {
        ProxmoxSettings token = ProxmoxSettings.from(TestSupport.config(Map.of("berth.hypervisor.id", "pve", "api.url", "https://pve", "token.id",
                "berth@pve!prov", ".token.secret", SECRET)));
        ProxmoxSettings ticket = ProxmoxSettings.from(TestSupport.config(Map.of("berth.hypervisor.id", "pve", "api.url", "https://pve", "username",
                "berth@pve", ".password", "hunter2-hunter2")));

        assertThat(token.toString()).doesNotContain(SECRET).contains("berth@pve!prov");
        assertThat(ticket.toString()).doesNotContain("hunter2-hunter2").contains("berth@pve");
        assertThat(ticket.credentials().token()).isFalse();
    }

    @Test
    void refusesIncompleteConfigurations() {
        assertThatThrownBy(() -> ProxmoxSettings.from(TestSupport.config(Map.of("berth.hypervisor.id", "pve",
                "token.id", "a@pve!b", ".token.secret", "x")))).hasMessageContaining("api.url");
        assertThatThrownBy(() -> ProxmoxSettings.from(TestSupport.config(Map.of("api.url", "https://pve",
                "token.id", "a@pve!b", ".token.secret", "x")))).hasMessageContaining("berth.hypervisor.id");
        assertThatThrownBy(() -> ProxmoxSettings.from(TestSupport.config(Map.of("berth.hypervisor.id", "pve", "api.url", "https://pve"))))
                .hasMessageContaining("API token");
        assertThatThrownBy(() -> ProxmoxSettings.from(TestSupport.config(Map.of("berth.hypervisor.id", "pve", "api.url", "https://pve",
                "token.id", "a@pve!b")))).hasMessageContaining(".token.secret");
        assertThatThrownBy(() -> ProxmoxSettings.from(TestSupport.config(Map.of("berth.hypervisor.id", "pve", "api.url", "https://pve",
                "token.id", "a@pve!b", ".token.secret", "x", "vmid.min", "500", "vmid.max", "400"))))
                .hasMessageContaining("range");
        assertThatThrownBy(() -> ProxmoxSettings.from(TestSupport.config(Map.of("berth.hypervisor.id", "pve", "api.url", "https://pve",
                "token.id", "a@pve!b", ".token.secret", "x", "clone.modes", "pve1/9000=thin"))))
                .hasMessageContaining("linked, full or spec");
        assertThatThrownBy(() -> new ProxmoxToken("TOKENID", "x")).hasMessageContaining("USER@REALM!TOKENID");
    }

    @Test
    void dsNameMappingOfSecretAttributes() {
        assertThat(TestSupport.property("_token_secret")).isEqualTo(".token.secret");
        assertThat(TestSupport.property("berth_hypervisor_id")).isEqualTo("berth.hypervisor.id");
    }
}
