package io.berth.migrator.whmcs.internal;

import io.berth.migrator.whmcs.internal.Catalogue.FieldDef;
import io.berth.migrator.whmcs.internal.Catalogue.Product;
import io.berth.migrator.whmcs.internal.Catalogue.WhmcsServer;
import io.berth.migrator.whmcs.internal.UnitParser.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns an Active or Suspended WHMCS service into a Berth server: sizes, image, location and VM link from its
 * configurable options and product custom fields (by name, see {@link MappingFile}); what maps to nothing is
 * kept verbatim as attributes; sizes that neither options nor the product give take the mapping defaults.
 */
public final class ServerMapper {

    /** The server and what the report should say about it. */
    public record MappedServer(ServerRecord server, List<String> notes, List<String> unmapped,
            List<String> defaulted) {
    }

    private static final Pattern LIST = Pattern.compile("\\s*[\\r\\n,]+\\s*");

    private final Catalogue catalogue;
    private final OptionResolver resolver;
    private final MappingFile mapping;
    private final TargetCatalogue target;
    private final Map<PipeName, Target> targets = new HashMap<>();

    public ServerMapper(Catalogue catalogue, MappingFile mapping, TargetCatalogue target) {
        this.catalogue = catalogue;
        this.resolver = new OptionResolver(catalogue);
        this.mapping = mapping;
        this.target = target;
    }

    /** Berth status for a WHMCS {@code domainstatus}, or {@code null} when such services are not imported. */
    public static String berthStatus(String domainStatus) {
        if ("Active".equalsIgnoreCase(domainStatus)) {
            return "running";
        }
        if ("Suspended".equalsIgnoreCase(domainStatus)) {
            return "suspended";
        }
        return null;
    }

    public MappedServer map(WhmcsService s) {
        OptionResolver.Resolution resolution = resolver.resolve(s);
        List<String> notes = new ArrayList<>(resolution.notes());
        List<String> unmapped = new ArrayList<>();
        List<String> defaulted = new ArrayList<>();
        Map<Target, Integer> sizes = new EnumMap<>(Target.class);
        Map<Target, String> texts = new EnumMap<>(Target.class);
        Map<String, String> attributes = new TreeMap<>();

        for (ResolvedOption o : resolution.options()) {
            Target t = targets.computeIfAbsent(o.name(), mapping::target);
            String where = "option '" + o.name().value() + "'";
            if (t.numeric()) {
                Optional<Integer> v = size(o, t);
                if (v.isPresent()) {
                    sizes.putIfAbsent(t, v.get());
                } else {
                    notes.add(where + " value '" + o.value() + "' is no " + t.id() + ": kept as attribute");
                    attributes.put(o.name().value(), o.value());
                    unmapped.add(where);
                }
            } else if (t == Target.ATTRIBUTE) {
                attributes.put(o.name().value(), o.value());
                unmapped.add(where);
            } else if (t != Target.IGNORE && !o.value().isBlank()) {
                texts.putIfAbsent(t, o.value());
            }
        }
        for (Map.Entry<Integer, String> e : s.customValues().entrySet()) {
            FieldDef f = catalogue.fields().get(e.getKey());
            if (f == null || !"product".equalsIgnoreCase(f.type()) || f.relid() != s.productId()) {
                notes.add("custom field value of field " + e.getKey() + " (deleted or other product): ignored");
                continue;
            }
            String where = "custom field '" + f.name().value() + "'";
            if (f.secret()) {
                notes.add(where + " is a password field (encrypted in WHMCS): not migrated");
                continue;
            }
            String v = e.getValue() == null ? "" : e.getValue().strip();
            Target t = targets.computeIfAbsent(f.name(), mapping::target);
            if (v.isEmpty() || t == Target.IGNORE) {
                continue;
            }
            if (t.numeric()) {
                Optional<Integer> n = UnitParser.quantity(v).flatMap(q -> UnitParser.convert(q, t, mapping.bareUnit(t)));
                if (n.isPresent()) {
                    sizes.putIfAbsent(t, n.get());
                } else {
                    notes.add(where + " value '" + v + "' is no " + t.id() + ": kept as attribute");
                    attributes.put(f.name().value(), v);
                    unmapped.add(where);
                }
            } else if (t == Target.ATTRIBUTE) {
                attributes.put(f.name().value(), v);
                unmapped.add(where);
            } else {
                texts.putIfAbsent(t, v);
            }
        }

        Product product = catalogue.products().get(s.productId());
        if (product == null) {
            notes.add("product " + s.productId() + " no longer exists");
        }
        Map<Target, Integer> productSizes = mapping.product(s.productId(), product == null ? null : product.name());
        for (Target t : List.of(Target.CPU_CORES, Target.MEMORY_MB, Target.DISK_GB)) {
            if (!sizes.containsKey(t) && productSizes.containsKey(t)) {
                sizes.put(t, productSizes.get(t));
            }
            if (!sizes.containsKey(t)) {
                int d = mapping.defaults().get(t);
                sizes.put(t, d);
                defaulted.add(t.id());
                notes.add("no " + t.id() + " from options or product: default " + d);
            }
        }

        UUID imageId = null;
        String imageRef = texts.get(Target.IMAGE);
        if (imageRef != null) {
            String wanted = mapping.images().getOrDefault(PipeName.normalize(imageRef), imageRef);
            Optional<TargetCatalogue.Image> image = target.image(wanted);
            if (image.isPresent()) {
                imageId = image.get().id();
            } else {
                attributes.put("image", imageRef);
                notes.add("image '" + imageRef + "' matches no Berth image: kept as attribute 'image'");
            }
        }

        String ip = null;
        String dedicated = s.dedicatedIp() == null ? "" : s.dedicatedIp().strip();
        if (!dedicated.isEmpty()) {
            if (IpAddresses.ipv4(dedicated) >= 0) {
                ip = dedicated;
            } else if (IpAddresses.ipv6(dedicated)) {
                ip = dedicated;
                notes.add("dedicated IP " + dedicated + " is IPv6: set on the server, not allocated in a pool");
            } else {
                attributes.put("dedicated_ip", dedicated);
                notes.add("dedicated IP '" + dedicated + "' is no IP address: kept as attribute");
            }
        }
        String assigned = s.assignedIps() == null ? "" : s.assignedIps().strip();
        if (!assigned.isEmpty()) {
            attributes.put("assigned_ips", String.join(", ", LIST.split(assigned)));
        }

        String status = berthStatus(s.status());
        boolean suspended = "suspended".equals(status);
        String reason = s.suspendReason() == null ? "" : s.suspendReason().strip();
        String detail = suspended ? cut("suspended in WHMCS" + (reason.isEmpty() ? "" : ": " + reason), 500) : null;
        int cpu = sizes.get(Target.CPU_CORES);
        int memory = sizes.get(Target.MEMORY_MB);
        int disk = sizes.get(Target.DISK_GB);
        UUID planId = target.plan(cpu, memory, disk).map(TargetCatalogue.Plan::id).orElse(null);
        ServerRecord server = new ServerRecord(name(s), status, detail, suspended ? "running" : null, imageId, planId,
                cpu, memory, disk, cut(hypervisor(s, texts), 100), cut(texts.get(Target.NODE), 100),
                cut(texts.get(Target.VM_ID), 32), ip, cut(texts.get(Target.LOCATION), 100),
                Attributes.json(attributes), WhmcsDates.parse(s.regdate()));
        return new MappedServer(server, notes, unmapped, defaulted);
    }

    /** A size from an option: quantity × unit for quantity options, the (unit-bearing) sub-option otherwise. */
    private Optional<Integer> size(ResolvedOption o, Target t) {
        String bare = mapping.bareUnit(t);
        if (o.yesNo()) {
            return Optional.empty();
        }
        if (o.quantity()) {
            if (o.qty() <= 0) {
                return Optional.empty();
            }
            Optional<Quantity> unit = o.sub() == null ? Optional.empty()
                    : UnitParser.quantity(o.sub().value()).or(() -> UnitParser.quantity(o.sub().label()));
            Quantity q = unit.map(u -> new Quantity(u.number().multiply(BigDecimal.valueOf(o.qty())), u.unit()))
                    .orElse(new Quantity(BigDecimal.valueOf(o.qty()), null));
            return UnitParser.convert(q, t, bare);
        }
        if (o.sub() == null) {
            return Optional.empty();
        }
        Optional<Quantity> value = UnitParser.quantity(o.sub().value());
        Optional<Quantity> label = UnitParser.quantity(o.sub().label());
        Optional<Quantity> chosen = value.filter(Quantity::hasUnit)
                .or(() -> label.filter(Quantity::hasUnit))
                .or(() -> value)
                .or(() -> label);
        return chosen.flatMap(q -> UnitParser.convert(q, t, bare));
    }

    private String hypervisor(WhmcsService s, Map<Target, String> texts) {
        String explicit = texts.get(Target.HYPERVISOR_ID);
        if (explicit != null) {
            return explicit;
        }
        WhmcsServer server = catalogue.servers().get(s.serverId());
        if (server != null) {
            String byName = mapping.hypervisors().get(PipeName.normalize(server.name()));
            if (byName != null) {
                return byName;
            }
            String byId = mapping.hypervisors().get(String.valueOf(server.id()));
            if (byId != null) {
                return byId;
            }
        }
        return mapping.defaultHypervisor();
    }

    /** The service's domain (its hostname in WHMCS), else {@code whmcs-<id>}; at most 63 characters. */
    static String name(WhmcsService s) {
        String d = s.domain() == null ? "" : s.domain().strip();
        return d.isEmpty() ? "whmcs-" + s.id() : cut(d, 63);
    }

    static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max);
    }
}
