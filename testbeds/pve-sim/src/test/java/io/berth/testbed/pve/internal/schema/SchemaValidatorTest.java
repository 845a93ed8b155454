package io.berth.testbed.pve.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testbed.pve.internal.qemu.ConfigOptions;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PVE::JSONSchema semantics: strict booleans, indexed keys, property strings, list formats, messages. */
class SchemaValidatorTest {

    private final SchemaValidator validator = new SchemaValidator(new Formats());
    private final Schema config = ParamSet.params().all(new ConfigOptions().properties()).build();

    private Map<String, String> check(Map<String, Object> params) {
        return validator.validateParams(config, params);
    }

    @Test
    void booleansAreZeroOrOneOrJsonBooleans() {
        assertThat(check(Map.of("onboot", "1"))).isEmpty();
        assertThat(check(Map.of("onboot", true))).isEmpty();
        assertThat(check(Map.of("onboot", 1L))).isEmpty();
        assertThat(check(Map.of("onboot", "yes"))).containsEntry("onboot", "type check ('boolean') failed - got 'yes'");
        assertThat(check(Map.of("cores", true))).containsEntry("cores", "type check ('integer') failed - got JSON::PP::Boolean");
    }

    @Test
    void numbersAreCheckedAsText() {
        assertThat(check(Map.of("cores", "+4"))).isEmpty();
        assertThat(check(Map.of("cores", 4.0d))).isEmpty();
        assertThat(check(Map.of("cores", "4.5"))).containsEntry("cores", "type check ('integer') failed - got '4.5'");
        assertThat(check(Map.of("cpulimit", new BigDecimal("0.5")))).isEmpty();
        assertThat(check(Map.of("cpulimit", "129"))).containsEntry("cpulimit", "value must have a maximum value of 128");
    }

    @Test
    void indexedKeysHaveRanges() {
        assertThat(check(Map.of("net31", "virtio,bridge=vmbr0"))).isEmpty();
        assertThat(check(Map.of("net32", "virtio,bridge=vmbr0"))).containsEntry("net32",
                "property is not defined in schema and the schema does not allow additional properties");
        assertThat(check(Map.of("scsi30", "local-lvm:8"))).isEmpty();
        assertThat(check(Map.of("ide4", "none"))).containsKey("ide4");
        assertThat(check(Map.of("net01", "virtio"))).containsKey("net01");
    }

    @Test
    void propertyStringsUseDefaultKeysAndAliases() {
        assertThat(check(Map.of("net0", "virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1"))).isEmpty();
        assertThat(check(Map.of("net0", "model=e1000,macaddr=BC:24:11:00:00:01"))).isEmpty();
        assertThat(check(Map.of("net0", "virtio=01:24:11:00:00:01")).get("net0"))
                .contains("net0.macaddr: invalid format - value does not look like a valid unicast MAC address");
        assertThat(check(Map.of("net0", "bridge=vmbr0")).get("net0"))
                .contains("net0.model: property is missing and it is not optional");
        assertThat(check(Map.of("net0", "virtio,virtio")).get("net0"))
                .contains("duplicate key in comma-separated list property: model");
        assertThat(check(Map.of("agent", "1"))).isEmpty();
        assertThat(check(Map.of("agent", "enabled=on,type=isa"))).isEmpty();
        assertThat(check(Map.of("agent", "enabled=1,type=usb")).get("agent"))
                .contains("agent.type: value 'usb' does not have a value in the enumeration 'virtio, isa'");
        assertThat(check(Map.of("memory", "8")).get("memory"))
                .contains("memory.current: value must have a minimum value of 16");
        assertThat(check(Map.of("ipconfig0", "ip=dhcp,ip6=auto"))).isEmpty();
        assertThat(check(Map.of("ipconfig0", "ip=10.0.0.2/24,gw=10.0.0.1,gw6=fe80::1,ip6=2001:db8::2/64"))).isEmpty();
        assertThat(check(Map.of("ipconfig0", "ip=10.0.0.2,gw=10.0.0.1")).get("ipconfig0"))
                .startsWith("invalid format - format error\n");
    }

    @Test
    void listFormatsCheckEveryElement() {
        assertThat(check(Map.of("tags", "berth;prod web"))).isEmpty();
        assertThat(check(Map.of("tags", "ok;not ok!"))).containsEntry("tags", "invalid format - invalid characters in tag\n");
        assertThat(check(Map.of("nameserver", "1.1.1.1 2606:4700:4700::1111 dns.example"))).isEmpty();
        assertThat(check(Map.of("nameserver", "1.1.1.1 bad_host")).get("nameserver"))
                .startsWith("invalid format - value does not look like a valid address: bad_host");
    }

    @Test
    void enumAndPatternMessages() {
        assertThat(check(Map.of("ostype", "linux"))).containsEntry("ostype",
                "value 'linux' does not have a value in the enumeration "
                        + "'other, wxp, w2k, w2k3, w2k8, wvista, win7, win8, win10, win11, l24, l26, solaris'");
        assertThat(check(Map.of("serial0", "tcp"))).containsEntry("serial0", "value does not match the regex pattern");
        assertThat(check(Map.of("description", "x".repeat(8193)))).containsEntry("description",
                "value may only be 8192 characters long");
    }

    @Test
    void requiredAndUnknownParameters() {
        Schema schema = ParamSet.params().required("node", Types.node()).required("vmid", Types.vmid()).build();
        assertThat(validator.validateParams(schema, Map.of("node", "pve1"))).containsEntry("vmid",
                "property is missing and it is not optional");
        assertThat(validator.validateParams(schema, Map.of("node", "pve1", "vmid", "100", "x", "1"))).containsEntry("x",
                "property is not defined in schema and the schema does not allow additional properties");
        assertThat(validator.validateParams(schema, Map.of("node", "pve1", "vmid", List.of("100"))))
                .containsEntry("vmid", "type check ('integer') failed - got ARRAY");
    }

    @Test
    void ipv6Recognition() {
        assertThat(Formats.isIpv6("::1")).isTrue();
        assertThat(Formats.isIpv6("fe80::be24:11ff:fe00:1")).isTrue();
        assertThat(Formats.isIpv6("::ffff:10.0.0.1")).isTrue();
        assertThat(Formats.isIpv6("1::2::3")).isFalse();
        assertThat(Formats.isIpv6("12345::1")).isFalse();
        assertThat(Formats.isIpv6("10.0.0.1")).isFalse();
    }
}
