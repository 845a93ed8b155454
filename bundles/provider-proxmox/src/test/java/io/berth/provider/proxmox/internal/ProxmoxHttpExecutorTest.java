package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testbed.pve.PveSimulator;
import io.berth.testbed.pve.SimOptions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's work runs inline on the calling thread, its TLS handshake tasks on the pool. */
class ProxmoxHttpExecutorTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "handshakes"));
    private final List<String> pooled = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void tasksRunInlineUnlessTheyAreHandshakeTasks() throws Exception {
        ProxmoxHttpExecutor executor = new ProxmoxHttpExecutor(task -> task instanceof Handshake, pool);
        List<String> ranOn = new CopyOnWriteArrayList<>();

        executor.execute(() -> ranOn.add(Thread.currentThread().getName()));
        executor.execute((Handshake) () -> ranOn.add(Thread.currentThread().getName()));
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

        assertThat(ranOn).containsExactly(Thread.currentThread().getName(), "handshakes");
    }

    @Test
    void theJdkClientsHandshakeTasksAreToldApartAndGoToThePool() throws Exception {
        ProxmoxHttpExecutor executor = new ProxmoxHttpExecutor(ProxmoxHttpExecutor.HANDSHAKE_TASKS, recording());
        try (PveSimulator sim = PveSimulator.start(SimOptions.fast())) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(sim.clientSslContext()).executor(executor).build();
            URI version = URI.create(sim.baseUri() + "/api2/json/version");

            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(version).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as("answered over TLS (401 without credentials)").isEqualTo(401);
        } finally {
            executor.close();
        }
        assertThat(pooled).as("the handshake's delegated tasks ran on the pool").isNotEmpty();
    }

    /** A pool of one thread, recording what it runs. */
    private ExecutorService recording() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void beforeExecute(Thread thread, Runnable task) {
                pooled.add(task.getClass().getName());
            }
        };
    }

    /** A task the test's predicate offloads. */
    private interface Handshake extends Runnable {
    }
}
