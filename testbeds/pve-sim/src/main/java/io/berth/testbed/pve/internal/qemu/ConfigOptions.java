package io.berth.testbed.pve.internal.qemu;

import static io.berth.testbed.pve.internal.schema.Types.alias;
import static io.berth.testbed.pve.internal.schema.Types.bool;
import static io.berth.testbed.pve.internal.schema.Types.integer;
import static io.berth.testbed.pve.internal.schema.Types.key;
import static io.berth.testbed.pve.internal.schema.Types.keys;
import static io.berth.testbed.pve.internal.schema.Types.number;
import static io.berth.testbed.pve.internal.schema.Types.string;

import io.berth.testbed.pve.internal.schema.ParamSet;
import io.berth.testbed.pve.internal.schema.Schema;
import java.util.Map;
import java.util.Optional;

/**
 * The VM config options the simulator models (a subset of PVE's {@code confdesc}), with the
 * constraints of the PVE 9 API schema. Used to validate POST/PUT config, to check
 * {@code delete}/{@code revert} lists, and to type the values GET config returns (integers and
 * booleans as JSON numbers, the rest as strings, as PVE does). Options outside the subset are
 * refused like unknown parameters.
 */
public final class ConfigOptions {

    private static final String[] NIC_MODELS = {"e1000", "e1000-82540em", "e1000-82544gc", "e1000-82545em", "e1000e",
        "i82551", "i82557b", "i82559er", "ne2k_isa", "ne2k_pci", "pcnet", "rtl8139", "virtio", "vmxnet3"};

    private final Schema options;

    public ConfigOptions() {
        this.options = ParamSet.params()
                .optional("acpi", bool())
                .optional("agent", string().format(keys(
                        "enabled", key("boolean").defaultKey(true),
                        "freeze-fs-on-backup", key("boolean").optional(),
                        "fstrim_cloned_disks", key("boolean").optional(),
                        "type", key("string").optional().enumValues("virtio", "isa"))))
                .optional("balloon", integer().minimum(0))
                .optional("bios", string().enumValues("seabios", "ovmf"))
                .optional("boot", string().format("pve-qm-boot"))
                .optional("cicustom", string().format("pve-qm-cicustom"))
                .optional("cipassword", string())
                .optional("citype", string().enumValues("configdrive2", "nocloud", "opennebula"))
                .optional("ciupgrade", bool())
                .optional("ciuser", string())
                .optional("cores", integer().minimum(1))
                .optional("cpu", string().format("pve-vm-cpu-conf"))
                .optional("cpulimit", number().minimum(0).maximum(128))
                .optional("cpuunits", integer().minimum(1).maximum(262_144))
                .optional("description", string().maxLength(8192))
                .optional("hotplug", string().format("pve-hotplug-features"))
                .indexed("ide", 3, string())
                .indexed("ipconfig", 31, string().format("pve-qm-ipconfig"))
                .optional("kvm", bool())
                .optional("lock", string().enumValues("backup", "clone", "create", "migrate", "rollback", "snapshot",
                        "snapshot-delete", "suspending", "suspended"))
                .optional("memory", string().format(keys("current", key("integer").defaultKey(true).minimum(16))))
                .optional("name", string().format("dns-name"))
                .optional("nameserver", string().format("address-list"))
                .indexed("net", 31, string().format(netKeys()))
                .optional("numa", bool())
                .optional("onboot", bool())
                .optional("ostype", string().enumValues("other", "wxp", "w2k", "w2k3", "w2k8", "wvista", "win7", "win8",
                        "win10", "win11", "l24", "l26", "solaris"))
                .optional("protection", bool())
                .indexed("sata", 5, string())
                .indexed("scsi", 30, string())
                .optional("scsihw", string().enumValues("lsi", "lsi53c810", "virtio-scsi-pci", "virtio-scsi-single",
                        "megasas", "pvscsi"))
                .optional("searchdomain", string())
                .indexed("serial", 3, string().pattern("(/dev/.+|socket)"))
                .optional("smbios1", string().format("pve-qm-smbios1").maxLength(512))
                .optional("sockets", integer().minimum(1))
                .optional("sshkeys", string().format("urlencoded"))
                .optional("startup", string().format("pve-startup-order"))
                .optional("tablet", bool())
                .optional("tags", string().format("pve-tag-list"))
                .optional("template", bool())
                .optional("vga", string().format(keys(
                        "clipboard", key("string").optional().enumValues("vnc"),
                        "memory", key("integer").optional().minimum(4).maximum(512),
                        "type", key("string").optional().defaultKey(true).enumValues("cirrus", "qxl", "qxl2", "qxl3",
                                "qxl4", "none", "serial0", "serial1", "serial2", "serial3", "std", "virtio",
                                "virtio-gl", "vmware"))))
                .indexed("virtio", 15, string())
                .optional("vmgenid", string().pattern("(?:[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}|[01])"))
                .build();
    }

    /** The options as properties of an object schema ({@code net[n]} style keys). */
    public Map<String, Schema> properties() {
        return options.properties();
    }

    /** The schema of a concrete key ({@code net0} resolves to {@code net[n]}). */
    public Optional<Schema> schema(String key) {
        return options.property(key);
    }

    public boolean exists(String key) {
        return schema(key).isPresent();
    }

    private static Map<String, Schema> netKeys() {
        Object[] pairs = new Object[2 * (9 + NIC_MODELS.length)];
        int i = 0;
        pairs[i++] = "model";
        pairs[i++] = key("string").defaultKey(true).enumValues(NIC_MODELS);
        pairs[i++] = "macaddr";
        pairs[i++] = key("string").optional().format("mac-addr");
        pairs[i++] = "bridge";
        pairs[i++] = key("string").optional().format("pve-bridge-id");
        pairs[i++] = "firewall";
        pairs[i++] = key("boolean").optional();
        pairs[i++] = "link_down";
        pairs[i++] = key("boolean").optional();
        pairs[i++] = "mtu";
        pairs[i++] = key("integer").optional().minimum(1).maximum(65_520);
        pairs[i++] = "queues";
        pairs[i++] = key("integer").optional().minimum(0).maximum(64);
        pairs[i++] = "rate";
        pairs[i++] = key("number").optional().minimum(0);
        pairs[i++] = "tag";
        pairs[i++] = key("integer").optional().minimum(1).maximum(4094);
        for (String model : NIC_MODELS) {
            pairs[i++] = model;
            pairs[i++] = alias("macaddr", "model");
        }
        Map<String, Schema> k = keys(pairs);
        k.put("trunks", key("string").optional().pattern("(?^:\\d+(?:-\\d+)?(?:;\\d+(?:-\\d+)?)*)").build());
        return k;
    }
}
