package io.berth.testbed.pve;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testbed.pve.support.ApiResponse;
import io.berth.testbed.pve.support.PveClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /cluster/nextid}: no reservation, string answer, the {@code vmid} probe. */
class NextIdTest {

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
    void reset() {
        sim.reset();
        api = PveClient.withToken(sim);
    }

    @Test
    void answersTheLowestFreeIdAsAString() {
        ApiResponse r = api.get("/cluster/nextid");
        assertThat(r.data().isTextual()).isTrue();
        assertThat(r.data().asText()).isEqualTo("100");
        assertThat(api.exitStatus(api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", "100")).data().asText()))
                .isEqualTo("OK");
        assertThat(api.get("/cluster/nextid").data().asText()).isEqualTo("101");
    }

    @Test
    void concurrentCallersGetTheSameId() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return api.get("/cluster/nextid").data().asText();
            }));
        }
        go.countDown();
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<String> c : calls) {
            ids.add(c.get());
        }
        assertThat(ids).hasSize(16).containsOnly("100");
    }

    @Test
    void theRaceMakesTheSecondCloneFail() {
        String id = api.get("/cluster/nextid").data().asText();
        String same = api.get("/cluster/nextid").data().asText();
        assertThat(same).isEqualTo(id);
        assertThat(api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", id)).status()).isEqualTo(200);
        ApiResponse second = api.post("/nodes/pve1/qemu/9001/clone", Map.of("newid", same));
        assertThat(second.status()).isEqualTo(500);
        assertThat(second.message()).isEqualTo("unable to create VM " + id + ": config file already exists");
    }

    @Test
    void vmidParameterAssertsThatAnIdIsFree() {
        assertThat(api.get("/cluster/nextid", Map.of("vmid", "4242")).data().asText()).isEqualTo("4242");
        ApiResponse used = api.get("/cluster/nextid", Map.of("vmid", "9000"));
        assertThat(used.status()).isEqualTo(400);
        assertThat(used.errors().get("vmid").asText()).isEqualTo("VM 9000 already exists");
        ApiResponse low = api.get("/cluster/nextid", Map.of("vmid", "99"));
        assertThat(low.errors().get("vmid").asText()).isEqualTo("invalid format - value does not look like a valid VM ID\n");
        ApiResponse text = api.get("/cluster/nextid", Map.of("vmid", "abc"));
        assertThat(text.errors().get("vmid").asText()).isEqualTo("type check ('integer') failed - got 'abc'");
    }
}
