package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Hypervisor;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks every {@link Hypervisor} service by its {@value Hypervisor#ID} property (dynamic, greedy):
 * providers come and go (a bundle stopped or updated) without restarting the engine. A job whose
 * hypervisor is absent waits and resumes once it is back. With two services for one id, the one
 * with the highest ranking (then the oldest) wins.
 */
@Component(service = Hypervisors.class)
public final class HypervisorRegistry implements Hypervisors {

    private static final Logger LOG = LoggerFactory.getLogger(HypervisorRegistry.class);

    private final Map<String, ConcurrentSkipListSet<Entry>> byId = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bind(Hypervisor hypervisor, Map<String, Object> properties) {
        Entry entry = Entry.of(hypervisor, properties);
        if (entry.id() == null) {
            LOG.warn("hypervisor ignored: no {} property service_id={}", Hypervisor.ID, entry.serviceId());
            return;
        }
        byId.computeIfAbsent(entry.id(), k -> new ConcurrentSkipListSet<>(Entry.ORDER)).add(entry);
        LOG.info("hypervisor available hypervisor={} service_id={}", entry.id(), entry.serviceId());
    }

    void unbind(Hypervisor hypervisor, Map<String, Object> properties) {
        Entry entry = Entry.of(hypervisor, properties);
        if (entry.id() == null) {
            return;
        }
        byId.computeIfPresent(entry.id(), (k, set) -> {
            set.removeIf(e -> e.serviceId() == entry.serviceId() && e.hypervisor() == hypervisor);
            return set.isEmpty() ? null : set;
        });
        LOG.info("hypervisor gone hypervisor={} service_id={}", entry.id(), entry.serviceId());
    }

    void updated(Hypervisor hypervisor, Map<String, Object> properties) {
        // the id may have changed: drop every entry of that service, then add it again
        long serviceId = Entry.of(hypervisor, properties).serviceId();
        byId.values().forEach(set -> set.removeIf(e -> e.serviceId() == serviceId && e.hypervisor() == hypervisor));
        byId.values().removeIf(java.util.Set::isEmpty);
        bind(hypervisor, properties);
    }

    @Override
    public Optional<Hypervisor> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        ConcurrentSkipListSet<Entry> set = byId.get(id);
        if (set == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(set.first().hypervisor());
        } catch (java.util.NoSuchElementException raced) {
            return Optional.empty();
        }
    }

    @Override
    public Map<String, Hypervisor> all() {
        Map<String, Hypervisor> all = new TreeMap<>();
        byId.keySet().forEach(id -> find(id).ifPresent(h -> all.put(id, h)));
        return all;
    }

    private record Entry(String id, long serviceId, int ranking, Hypervisor hypervisor) {

        static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::ranking).reversed()
                .thenComparingLong(Entry::serviceId);

        static Entry of(Hypervisor hypervisor, Map<String, Object> properties) {
            Object id = properties.get(Hypervisor.ID);
            Object serviceId = properties.get("service.id");
            Object ranking = properties.get("service.ranking");
            return new Entry(id == null || id.toString().isBlank() ? null : id.toString(),
                    serviceId instanceof Number n ? n.longValue() : System.identityHashCode(hypervisor),
                    ranking instanceof Integer r ? r : 0, hypervisor);
        }
    }
}
