package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.VmSpec.NetworkConfig;

import java.util.List;

import org.junit.jupiter.api.Test;

class CloudInitTest {

    private static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG+/x9k= alice@laptop";
    private static final String RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ+c/== bob@desk";

    @Test
    void sshKeysUseOnlyTheCharactersProxmoxAcceptsInUrlencodedValues() {
        String encoded = CloudInit.encodeSshKeys(List.of(ED25519, RSA));

        // PVE::JSONSchema::pve_verify_urlencoded: /^[-%a-zA-Z0-9_.!~*'()]*$/
        assertThat(encoded).matches("[-%a-zA-Z0-9_.!~*'()]*");
        assertThat(encoded).contains("%20").contains("%2B").contains("%2F").contains("%0A").doesNotContain("+");
        assertThat(CloudInit.decodeSshKeys(encoded)).containsExactly(ED25519, RSA);
    }

    @Test
    void sshKeysAreEncodedTwiceOnTheWire() {
        ProxmoxRequest request = ProxmoxRequest.post("/x").with("sshkeys", CloudInit.encodeSshKeys(List.of(ED25519)));

        // the value is percent-encoded, then the form body encodes the '%' once more
        assertThat(request.encodedParams()).startsWith("sshkeys=ssh-ed25519%2520AAAAC3NzaC1lZDI1NTE5AAAAIG%252B%252Fx9k%253D");
    }

    @Test
    void blankLinesAndSpacesAroundKeysDoNotCount() {
        assertThat(CloudInit.decodeSshKeys(CloudInit.encodeSshKeys(List.of("  " + ED25519 + "\n", "", RSA))))
                .containsExactly(ED25519, RSA);
        assertThat(CloudInit.decodeSshKeys(null)).isEmpty();
    }

    @Test
    void ipConfigWithAndWithoutGateway() {
        assertThat(CloudInit.ipConfig(new NetworkConfig("10.10.0.12", 24, "10.10.0.1", List.of())))
                .isEqualTo("ip=10.10.0.12/24,gw=10.10.0.1");
        assertThat(CloudInit.ipConfig(new NetworkConfig("10.10.0.12", 24, null, List.of()))).isEqualTo("ip=10.10.0.12/24");
        assertThat(CloudInit.sameIpConfig("gw=10.10.0.1,ip=10.10.0.12/24", "ip=10.10.0.12/24,gw=10.10.0.1")).isTrue();
        assertThat(CloudInit.sameIpConfig("ip=dhcp", "ip=10.10.0.12/24")).isFalse();
    }

    @Test
    void nameserversCompareAsSets() {
        assertThat(CloudInit.sameNameservers("1.1.1.1 9.9.9.9", List.of("9.9.9.9", "1.1.1.1"))).isTrue();
        assertThat(CloudInit.sameNameservers("1.1.1.1", List.of("9.9.9.9"))).isFalse();
        assertThat(CloudInit.nameservers(List.of("1.1.1.1", "9.9.9.9"))).isEqualTo("1.1.1.1 9.9.9.9");
    }
}
