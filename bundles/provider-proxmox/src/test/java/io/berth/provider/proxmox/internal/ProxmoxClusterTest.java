package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.provider.ProviderException;
import io.berth.provider.proxmox.internal.FakePve.Reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxmoxClusterTest {

    private static final String RESOURCES = """
            [{"id":"node/pve1","type":"node","node":"pve1","status":"online","maxmem":68719476736,"mem":1073741824},
             {"id":"qemu/101","type":"qemu","node":"pve1","vmid":101,"status":"running","name":"web-%d"}]""";

    private final TestSupport.MutableClock clock = new TestSupport.MutableClock();
    private final AtomicInteger reads = new AtomicInteger();
    private FakePve pve;
    private ProxmoxCluster cluster;

    @BeforeEach
    void start() throws Exception {
        pve = new FakePve();
        // each answer names the read it came from, and takes a while, like a big cluster's
        pve.route("GET", "/cluster/resources", r -> Reply.data(RESOURCES.formatted(reads.incrementAndGet())).delayed(300));
        cluster = new ProxmoxCluster(TestSupport.http(pve.base(), ProxmoxAuth.none()), clock);
    }

    @AfterEach
    void stop() {
        pve.close();
    }

    @Test
    void placementsAtTheSameTimeShareOneRead() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<ClusterResource>>> views = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                views.add(threads.submit(() -> cluster.resources(Duration.ofSeconds(1))));
            }
            for (Future<List<ClusterResource>> view : views) {
                assertThat(view.get(5, TimeUnit.SECONDS)).extracting(ClusterResource::name).contains("web-1");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(pve.requests("GET", "/cluster/resources")).hasSize(1);
    }

    @Test
    void aReadOlderThanTheMaxAgeIsNotSharedAndTheFullReadNeverIs() throws Exception {
        assertThat(cluster.resources(Duration.ofSeconds(1))).extracting(ClusterResource::name).contains("web-1");
        clock.advance(Duration.ofMillis(900));
        assertThat(cluster.resources(Duration.ofSeconds(1))).extracting(ClusterResource::name).contains("web-1");
        clock.advance(Duration.ofMillis(200));
        assertThat(cluster.resources(Duration.ofSeconds(1))).extracting(ClusterResource::name).contains("web-2");
        assertThat(cluster.resources()).extracting(ClusterResource::name).contains("web-3");
        assertThat(pve.requests("GET", "/cluster/resources")).hasSize(3);
    }

    @Test
    void aFailedReadIsNotSharedWithLaterCallers() throws Exception {
        pve.route("GET", "/cluster/resources", r -> reads.get() == 0 && reads.incrementAndGet() == 1
                ? Reply.error(403, "Permission check failed") : Reply.data(RESOURCES.formatted(reads.incrementAndGet())));

        assertThatThrownBy(() -> cluster.resources(Duration.ofSeconds(1))).isInstanceOf(ProviderException.class);
        assertThat(cluster.resources(Duration.ofSeconds(1))).extracting(ClusterResource::name).contains("web-2");
    }
}
