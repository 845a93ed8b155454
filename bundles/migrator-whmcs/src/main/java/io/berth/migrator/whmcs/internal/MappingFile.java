package io.berth.migrator.whmcs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How WHMCS configurable options and custom fields map to Berth fields: the built-in defaults, overridden entry
 * by entry by a JSON mapping file (format in README.md):
 *
 * <pre>
 * {
 *   "names":       { "Memory Size": "memory_mb", "backups": "attribute", "root_password": "ignore" },
 *   "bare_units":  { "memory_mb": "MB", "disk_gb": "GB" },
 *   "defaults":    { "cpu_cores": 1, "memory_mb": 1024, "disk_gb": 20 },
 *   "products":    { "VPS Bare": { "cpu_cores": 2, "memory_mb": 2048, "disk_gb": 40 } },
 *   "images":      { "windows-2022": "Windows Server 2022" },
 *   "hypervisors": { "pve1": "proxmox-main" },
 *   "default_hypervisor": "proxmox-main"
 * }
 * </pre>
 *
 * Names are the part before {@code |}, compared case-insensitively with blanks, {@code _} and {@code -} alike.
 *
 * @param names normalized option/field name to target
 * @param bareUnits unit of numbers written without one, per size field ({@code MB} or {@code GB})
 * @param defaults sizes used when neither options nor the product give one
 * @param products per product id or normalized product name, sizes that replace the defaults
 * @param images WHMCS image value (normalized) to a Berth image name, template_ref or id
 * @param hypervisors WHMCS server name or id (normalized) to a Berth hypervisor id
 * @param defaultHypervisor hypervisor id when nothing else names one, or {@code null}
 */
public record MappingFile(Map<String, Target> names, Map<Target, String> bareUnits, Map<Target, Integer> defaults,
        Map<String, Map<Target, Integer>> products, Map<String, String> images, Map<String, String> hypervisors,
        String defaultHypervisor) {

    private static final Set<Target> SIZES = Set.of(Target.CPU_CORES, Target.MEMORY_MB, Target.DISK_GB);

    public MappingFile {
        names = Map.copyOf(names);
        bareUnits = Map.copyOf(bareUnits);
        defaults = Map.copyOf(defaults);
        products = Map.copyOf(products);
        images = Map.copyOf(images);
        hypervisors = Map.copyOf(hypervisors);
    }

    /** The built-in mapping. */
    public static MappingFile builtIn() {
        Map<String, Target> n = new HashMap<>();
        alias(n, Target.CPU_CORES, "cpu", "cpus", "cores", "cpu cores", "core", "vcpu", "vcpus", "virtual cpus",
                "processor", "processors", "cpu count");
        alias(n, Target.MEMORY_MB, "memory", "ram", "mem", "memory size", "ram size", "guaranteed ram");
        alias(n, Target.DISK_GB, "disk", "storage", "disk space", "diskspace", "disk size", "hdd", "ssd", "nvme",
                "hard disk", "disk storage");
        alias(n, Target.IMAGE, "os image template", "os template", "template", "image", "os image");
        alias(n, Target.LOCATION, "datacenter location", "data center location", "datacenter", "data center",
                "location", "region");
        alias(n, Target.VM_ID, "vmid", "vm id", "vm_id", "proxmox vmid");
        alias(n, Target.NODE, "node", "proxmox node");
        alias(n, Target.HYPERVISOR_ID, "hypervisor", "hypervisor id", "cluster");
        alias(n, Target.IGNORE, "root password", "password", "root pass");
        return new MappingFile(n, Map.of(Target.MEMORY_MB, "MB", Target.DISK_GB, "GB"),
                Map.of(Target.CPU_CORES, 1, Target.MEMORY_MB, 1024, Target.DISK_GB, 20), Map.of(), Map.of(),
                Map.of(), null);
    }

    private static void alias(Map<String, Target> n, Target t, String... names) {
        for (String s : names) {
            n.put(PipeName.normalize(s), t);
        }
    }

    /** The defaults with the entries of the file laid over them. */
    public static MappingFile load(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IOException("cannot read the mapping file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("the mapping file " + file + " must hold a JSON object");
        }
        try {
            return builtIn().with(root);
        } catch (IllegalArgumentException e) {
            throw new IOException("mapping file " + file + ": " + e.getMessage(), e);
        }
    }

    MappingFile with(JsonNode root) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!Set.of("names", "bare_units", "defaults", "products", "images", "hypervisors", "default_hypervisor")
                    .contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'");
            }
        }
        Map<String, Target> n = new HashMap<>(names);
        root.path("names").fields().forEachRemaining(e -> n.put(PipeName.parse(e.getKey()).key(),
                Target.of(e.getValue().asText())));
        Map<Target, String> units = new HashMap<>(bareUnits);
        root.path("bare_units").fields().forEachRemaining(e -> {
            Target t = size(e.getKey());
            String u = e.getValue().asText().toUpperCase(Locale.ROOT);
            if (!u.equals("MB") && !u.equals("GB") && !u.equals("TB")) {
                throw new IllegalArgumentException("bare_units." + e.getKey() + " must be MB, GB or TB");
            }
            units.put(t, u);
        });
        Map<Target, Integer> d = new HashMap<>(defaults);
        d.putAll(sizes(root.path("defaults"), "defaults"));
        Map<String, Map<Target, Integer>> p = new HashMap<>(products);
        root.path("products").fields().forEachRemaining(e -> p.put(PipeName.normalize(e.getKey()),
                sizes(e.getValue(), "products." + e.getKey())));
        Map<String, String> img = new HashMap<>(images);
        root.path("images").fields().forEachRemaining(e -> img.put(PipeName.normalize(e.getKey()),
                e.getValue().asText()));
        Map<String, String> hv = new HashMap<>(hypervisors);
        root.path("hypervisors").fields().forEachRemaining(e -> hv.put(PipeName.normalize(e.getKey()),
                e.getValue().asText()));
        String dh = root.hasNonNull("default_hypervisor") ? root.get("default_hypervisor").asText() : defaultHypervisor;
        return new MappingFile(n, units, d, p, img, hv, dh);
    }

    private static Map<Target, Integer> sizes(JsonNode node, String where) {
        Map<Target, Integer> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            Target t = size(e.getKey());
            if (!e.getValue().canConvertToInt() || e.getValue().asInt() <= 0) {
                throw new IllegalArgumentException(where + "." + e.getKey() + " must be a positive whole number");
            }
            out.put(t, e.getValue().asInt());
        });
        return out;
    }

    private static Target size(String key) {
        Target t = Target.of(key);
        if (!SIZES.contains(t)) {
            throw new IllegalArgumentException("'" + key + "' is not one of cpu_cores, memory_mb, disk_gb");
        }
        return t;
    }

    /** Everything in the mapping as canonical text (sorted), for the fingerprint context. */
    public String canonical() {
        Map<String, Object> products = new java.util.TreeMap<>();
        this.products.forEach((k, v) -> products.put(k, new java.util.TreeMap<>(v)));
        return new java.util.TreeMap<>(names) + "\u0001" + new java.util.TreeMap<>(bareUnits) + "\u0001"
                + new java.util.TreeMap<>(defaults) + "\u0001" + products + "\u0001" + new java.util.TreeMap<>(images)
                + "\u0001" + new java.util.TreeMap<>(hypervisors) + "\u0001" + defaultHypervisor;
    }

    /** Where an option or field of this name goes; unknown names become attributes. */
    public Target target(PipeName name) {
        return names.getOrDefault(name.key(), Target.ATTRIBUTE);
    }

    /** Sizes configured for a product (by id or name), possibly empty. */
    public Map<Target, Integer> product(int id, String name) {
        Map<Target, Integer> byId = products.get(String.valueOf(id));
        if (byId != null) {
            return byId;
        }
        return name == null ? Map.of() : products.getOrDefault(PipeName.normalize(name), Map.of());
    }

    public String bareUnit(Target t) {
        return bareUnits.getOrDefault(t, t == Target.MEMORY_MB ? "MB" : "GB");
    }
}
