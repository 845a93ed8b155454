package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ProxmoxVmidsTest {

    private final TestSupport.MutableClock clock = new TestSupport.MutableClock();

    /** No request may be made: the transport points nowhere. */
    private ProxmoxVmids vmids(int min, int max) {
        return new ProxmoxVmids(TestSupport.http(URI.create("https://127.0.0.1:9/api2/json"), ProxmoxAuth.none()),
                min, max, clock, Duration.ofMinutes(10));
    }

    @Test
    void parallelCallersGetDistinctFreeIdsWithoutAnyRequest() throws Exception {
        ProxmoxVmids vmids = vmids(100, 999);
        Set<Integer> existing = Set.of(100, 101, 105, 300);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                calls.add(() -> vmids.next(existing, List.of("102")));
            }
            List<Integer> ids = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }

            assertThat(ids).doesNotHaveDuplicates().doesNotContain(100, 101, 102, 105, 300)
                    .allSatisfy(id -> assertThat(id).isBetween(100, 999));
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void idsStayLowAndSuggestionsAreForgottenAfterAWhile() throws Exception {
        ProxmoxVmids vmids = vmids(100, 119);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(vmids.next(Set.of(), List.of()));
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(100, 119).boxed().toList());

        ProviderException full = catchThrowableOfType(() -> vmids.next(Set.of(), List.of()), ProviderException.class);
        assertThat(full.kind()).isEqualTo(Kind.PERMANENT);

        clock.advance(Duration.ofMinutes(11)); // no clone came of them: offered again
        assertThat(vmids.next(Set.of(), List.of())).isBetween(100, 119);
    }

    @Test
    void aForgottenIdIsOfferedAgain() throws Exception {
        ProxmoxVmids vmids = vmids(100, 100);
        assertThat(vmids.next(Set.of(), List.of())).isEqualTo(100);

        vmids.forget(100);

        assertThat(vmids.next(Set.of(), List.of())).isEqualTo(100);
    }
}
