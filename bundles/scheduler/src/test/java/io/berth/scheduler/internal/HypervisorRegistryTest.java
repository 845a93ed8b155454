package io.berth.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.Hypervisor;

import java.util.Map;

import org.junit.jupiter.api.Test;

class HypervisorRegistryTest {

    private final HypervisorRegistry registry = new HypervisorRegistry();

    @Test
    void tracksServicesByIdAsTheyComeAndGo() {
        FakeHypervisor a = new FakeHypervisor("a");
        FakeHypervisor b = new FakeHypervisor("b");
        registry.bind(a, Map.of(Hypervisor.ID, "a", "service.id", 1L));
        registry.bind(b, Map.of(Hypervisor.ID, "b", "service.id", 2L));

        assertThat(registry.find("a")).containsSame(a);
        assertThat(registry.all()).containsOnlyKeys("a", "b");

        registry.unbind(a, Map.of(Hypervisor.ID, "a", "service.id", 1L));
        assertThat(registry.find("a")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
        assertThat(registry.all()).containsOnlyKeys("b");
    }

    @Test
    void theHighestRankingWinsAndTheOtherTakesOver() {
        FakeHypervisor low = new FakeHypervisor("x");
        FakeHypervisor high = new FakeHypervisor("x");
        registry.bind(low, Map.of(Hypervisor.ID, "x", "service.id", 1L));
        registry.bind(high, Map.of(Hypervisor.ID, "x", "service.id", 2L, "service.ranking", 10));

        assertThat(registry.find("x")).containsSame(high);
        registry.unbind(high, Map.of(Hypervisor.ID, "x", "service.id", 2L, "service.ranking", 10));
        assertThat(registry.find("x")).containsSame(low);
    }

    @Test
    void aChangedIdMovesTheService() {
        FakeHypervisor h = new FakeHypervisor("x");
        registry.bind(h, Map.of(Hypervisor.ID, "x", "service.id", 1L));
        registry.updated(h, Map.of(Hypervisor.ID, "y", "service.id", 1L));

        assertThat(registry.find("x")).isEmpty();
        assertThat(registry.find("y")).containsSame(h);
    }

    @Test
    void servicesWithoutIdAreIgnored() {
        registry.bind(new FakeHypervisor("z"), Map.of("service.id", 3L));
        assertThat(registry.all()).isEmpty();
    }
}
