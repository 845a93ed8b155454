package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.provider.proxmox.internal.FakePve.Reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A burst of placements reads a template's configuration once. */
class ProxmoxTemplatesTest {

    private static final String RESOURCES = """
            [{"id":"node/pve1","type":"node","node":"pve1","status":"online"},
             {"id":"qemu/9000","type":"qemu","node":"pve1","vmid":9000,"template":1,"name":"debian-12"}]""";
    private static final String CONFIG = """
            {"name":"debian-12","template":1,"scsi0":"local-lvm:base-9000-disk-0,size=4G","boot":"order=scsi0"}""";

    private final TestSupport.MutableClock clock = new TestSupport.MutableClock();
    private FakePve pve;
    private ProxmoxCluster cluster;
    private ProxmoxTemplates templates;

    @BeforeEach
    void start() throws Exception {
        pve = new FakePve();
        pve.route("GET", "/cluster/resources", r -> Reply.data(RESOURCES));
        // the configuration read takes a while, as on a busy cluster
        pve.route("GET", "/nodes/pve1/qemu/9000/config", r -> Reply.data(CONFIG).delayed(300));
        pve.route("GET", "/nodes/pve1/storage", r -> Reply.data("[{\"storage\":\"local-lvm\",\"shared\":0}]"));
        ProxmoxHttp http = TestSupport.http(pve.base(), ProxmoxAuth.none());
        ProxmoxSettings settings = ProxmoxSettings.from(TestSupport.config(Map.of("berth.hypervisor.id", "pve",
                "api.url", pve.base().toString(), "token.id", "root@pam!berth", ".token.secret", "secret")));
        cluster = new ProxmoxCluster(http, clock);
        templates = new ProxmoxTemplates(cluster, new ProxmoxVms(http), settings,
                new ProxmoxStorages(http, clock, Duration.ofMinutes(5)), clock);
    }

    @AfterEach
    void stop() {
        pve.close();
    }

    @Test
    void placementsAtTheSameTimeWaitForOneReadOfTheTemplate() throws Exception {
        List<ClusterResource> view = cluster.resources();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<ProxmoxTemplates.Source>> sources = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sources.add(threads.submit(() -> templates.resolve("pve1/9000", view, Duration.ofSeconds(1))));
            }
            for (Future<ProxmoxTemplates.Source> source : sources) {
                ProxmoxTemplates.Source s = source.get(5, TimeUnit.SECONDS);
                assertThat(s.node()).isEqualTo("pve1");
                assertThat(s.storage()).isEqualTo("local-lvm");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(pve.requests("GET", "/nodes/pve1/qemu/9000/config")).hasSize(1);
    }

    @Test
    void aResolutionOlderThanTheMaxAgeIsReadAgain() throws Exception {
        List<ClusterResource> view = cluster.resources();
        templates.resolve("pve1/9000", view, Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(900));
        templates.resolve("pve1/9000", view, Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(200));
        templates.resolve("pve1/9000", view, Duration.ofSeconds(1));
        assertThat(pve.requests("GET", "/nodes/pve1/qemu/9000/config")).hasSize(2);
    }
}
