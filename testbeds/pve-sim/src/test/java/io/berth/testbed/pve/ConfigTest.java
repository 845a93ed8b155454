package io.berth.testbed.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.testbed.pve.support.ApiResponse;
import io.berth.testbed.pve.support.PveClient;
import io.berth.testbed.pve.support.SshKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VM config: typed GET, async POST, sync PUT, cloud-init keys, validation, pending changes. */
class ConfigTest {

    private static PveSimulator sim;
    private PveClient api;

    @BeforeAll
    static void start() {
        sim = PveSimulator.start(SimOptions.fast());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void freshVm() {
        sim.reset();
        api = PveClient.withToken(sim);
        String upid = api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", "300", "full", "1")).data().asText();
        assertThat(api.exitStatus(upid)).isEqualTo("OK");
    }

    /** Python's {@code urllib.parse.quote(keys, safe='')}: what PVE expects in {@code sshkeys}. */
    private static String pveUrlencode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void getConfigTypesValuesLikePve() {
        JsonNode conf = api.get("/nodes/pve1/qemu/9000/config").data();
        assertThat(conf.get("cores").isNumber()).isTrue();
        assertThat(conf.get("template").asInt()).isEqualTo(1);
        assertThat(conf.get("memory").isTextual()).isTrue();
        assertThat(conf.get("memory").asText()).isEqualTo("2048");
        assertThat(conf.get("agent").asText()).isEqualTo("1");
        assertThat(conf.get("digest").asText()).matches("[0-9a-f]{40}");
    }

    @Test
    void asyncPostRunsAQmconfigTaskAndPutIsSynchronous() {
        ApiResponse post = api.post("/nodes/pve1/qemu/300/config",
                Map.of("cores", "4", "memory", "4096", "name", "db-1", "description", "managed by Berth"));
        String upid = post.data().asText();
        assertThat(upid).contains(":qmconfig:300:");
        assertThat(api.exitStatus(upid)).isEqualTo("OK");
        assertThat(sim.state().task(upid).orElseThrow().log().get(0))
                .isEqualTo("update VM 300: -cores 4 -description managed by Berth -memory 4096 -name db-1");
        ApiResponse put = api.put("/nodes/pve1/qemu/300/config", Map.of("agent", "enabled=1,fstrim_cloned_disks=1"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.data().isNull()).isTrue();
        JsonNode conf = api.get("/nodes/pve1/qemu/300/config").data();
        assertThat(conf.get("cores").asInt()).isEqualTo(4);
        assertThat(conf.get("memory").asText()).isEqualTo("4096");
        assertThat(conf.get("name").asText()).isEqualTo("db-1");
        assertThat(conf.get("agent").asText()).isEqualTo("enabled=1,fstrim_cloned_disks=1");
    }

    @Test
    void cloudInitKeysAndUrlencodedSshKeys() {
        String keys = SshKeys.ed25519(1, "alice@laptop") + "\n" + SshKeys.ed25519(2, "bob@desk");
        String encoded = pveUrlencode(keys);
        ApiResponse r = api.put("/nodes/pve1/qemu/300/config", Map.of(
                "ciuser", "alice", "sshkeys", encoded, "ipconfig0", "ip=10.20.0.5/24,gw=10.20.0.1",
                "nameserver", "1.1.1.1 9.9.9.9", "searchdomain", "berth.local", "cipassword", "s3cret"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode conf = api.get("/nodes/pve1/qemu/300/config").data();
        assertThat(conf.get("sshkeys").asText()).isEqualTo(encoded);
        assertThat(conf.get("ipconfig0").asText()).isEqualTo("ip=10.20.0.5/24,gw=10.20.0.1");
        assertThat(conf.get("cipassword").asText()).isEqualTo("**********");
        assertThat(sim.state().vm(300).orElseThrow().config().get("cipassword")).startsWith("$5$").doesNotContain("s3cret");
    }

    @Test
    void sshkeysMustBeUrlencodedAndValid() {
        String key = SshKeys.ed25519(3, "carol");
        ApiResponse raw = api.put("/nodes/pve1/qemu/300/config", Map.of("sshkeys", key));
        assertThat(raw.status()).isEqualTo(400);
        assertThat(raw.errors().get("sshkeys").asText()).startsWith("invalid format - invalid urlencoded string: ssh-ed25519 ");
        ApiResponse javaStyle = api.put("/nodes/pve1/qemu/300/config",
                Map.of("sshkeys", URLEncoder.encode(key, StandardCharsets.UTF_8)));
        assertThat(javaStyle.status()).as("'+' for spaces is not PVE's urlencoded").isEqualTo(400);
        ApiResponse bogus = api.put("/nodes/pve1/qemu/300/config", Map.of("sshkeys", pveUrlencode("ssh-rsa notakey me")));
        assertThat(bogus.status()).isEqualTo(500);
        assertThat(bogus.message()).isEqualTo("SSH public key validation error");
    }

    @Test
    void parameterValidationFollowsThePveSchema() {
        ApiResponse badIp = api.put("/nodes/pve1/qemu/300/config", Map.of("ipconfig0", "ip=10.0.0.5/33"));
        assertThat(badIp.status()).isEqualTo(400);
        assertThat(badIp.errors().get("ipconfig0").asText()).startsWith("invalid format - format error")
                .contains("ipconfig0.ip: invalid format - value does not look like a valid ipv4 network configuration");
        ApiResponse badBool = api.put("/nodes/pve1/qemu/300/config", Map.of("onboot", "true"));
        assertThat(badBool.errors().get("onboot").asText()).isEqualTo("type check ('boolean') failed - got 'true'");
        ApiResponse unknown = api.put("/nodes/pve1/qemu/300/config", Map.of("colour", "blue"));
        assertThat(unknown.errors().get("colour").asText())
                .isEqualTo("property is not defined in schema and the schema does not allow additional properties");
        ApiResponse cores = api.put("/nodes/pve1/qemu/300/config", Map.of("cores", "0"));
        assertThat(cores.errors().get("cores").asText()).isEqualTo("value must have a minimum value of 1");
        ApiResponse name = api.put("/nodes/pve1/qemu/300/config", Map.of("name", "web_1"));
        assertThat(name.errors().get("name").asText()).isEqualTo("invalid format - value does not look like a valid DNS name\n");
        ApiResponse nic = api.put("/nodes/pve1/qemu/300/config", Map.of("net1", "virtio,bridge=vmbr0,speed=10"));
        assertThat(nic.errors().get("net1").asText()).contains("invalid key in comma-separated list property: speed");
        ApiResponse nothing = api.put("/nodes/pve1/qemu/300/config", Map.of());
        assertThat(nothing.status()).isEqualTo(500);
        assertThat(nothing.message()).isEqualTo("no options specified");
        ApiResponse delete = api.put("/nodes/pve1/qemu/300/config", Map.of("delete", "bogus"));
        assertThat(delete.errors().get("delete").asText()).isEqualTo("unknown option 'bogus'");
    }

    @Test
    void tagsNetworksAndNewDisksAreNormalised() {
        assertThat(api.put("/nodes/pve1/qemu/300/config", Map.of("tags", "berth, prod;berth", "net1",
                "virtio,bridge=vmbr1", "scsi1", "local-lvm:8")).status()).isEqualTo(200);
        JsonNode conf = api.get("/nodes/pve1/qemu/300/config").data();
        assertThat(conf.get("tags").asText()).isEqualTo("berth;prod");
        assertThat(sim.state().vm(300).orElseThrow().tags()).containsExactly("berth", "prod");
        assertThat(conf.get("net1").asText()).matches("virtio=BC:24:11:[0-9A-F:]{8},bridge=vmbr1");
        assertThat(conf.get("scsi1").asText()).isEqualTo("local-lvm:vm-300-disk-1,size=8G");
    }

    @Test
    void digestProtectsAgainstConcurrentChanges() {
        JsonNode before = api.get("/nodes/pve1/qemu/300/config").data();
        String digest = before.get("digest").asText();
        int cores = before.get("cores").asInt();
        // a value the VM surely does not have yet, so the first change really changes the file
        assertThat(api.put("/nodes/pve1/qemu/300/config", Map.of("cores", String.valueOf(cores + 1), "digest", digest))
                .status()).isEqualTo(200);
        assertThat(api.get("/nodes/pve1/qemu/300/config").data().get("digest").asText()).isNotEqualTo(digest);
        ApiResponse stale = api.put("/nodes/pve1/qemu/300/config", Map.of("cores", String.valueOf(cores + 2),
                "digest", digest));
        assertThat(stale.status()).isEqualTo(500);
        assertThat(stale.message()).isEqualTo("checksum missmatch (file change by other user?)");
    }

    @Test
    void changesToARunningVmArePendingUntilItRestarts() {
        assertThat(api.exitStatus(api.post("/nodes/pve1/qemu/300/status/start", Map.of()).data().asText())).isEqualTo("OK");
        assertThat(api.put("/nodes/pve1/qemu/300/config", Map.of("cores", "8", "name", "renamed")).status()).isEqualTo(200);
        assertThat(api.get("/nodes/pve1/qemu/300/config").data().get("cores").asInt()).isEqualTo(8);
        assertThat(api.get("/nodes/pve1/qemu/300/config", Map.of("current", "1")).data().get("cores").asInt()).isEqualTo(2);
        VmView vm = sim.state().vm(300).orElseThrow();
        assertThat(vm.pending()).containsEntry("cores", "8");
        assertThat(vm.name()).isEqualTo("renamed");
        assertThat(api.exitStatus(api.post("/nodes/pve1/qemu/300/status/stop", Map.of()).data().asText())).isEqualTo("OK");
        assertThat(sim.state().vm(300).orElseThrow().config()).containsEntry("cores", "8");
        assertThat(sim.state().vm(300).orElseThrow().pending()).isEmpty();
    }

    @Test
    void backgroundDelayReturnsNullWhenTheTaskEndsInTime() {
        ApiResponse r = api.post("/nodes/pve1/qemu/300/config", Map.of("cores", "2", "background_delay", "5"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().isNull()).isTrue();
        sim.faults().taskLatency(Duration.ofMillis(1500));
        ApiResponse slow = api.post("/nodes/pve1/qemu/300/config", Map.of("cores", "3", "background_delay", "1"));
        assertThat(slow.data().asText()).contains(":qmconfig:300:");
    }
}
