package io.berth.testbed.pve.internal.qemu;

import io.berth.testbed.pve.internal.cluster.Cluster;
import io.berth.testbed.pve.internal.cluster.StorageDefinition;
import io.berth.testbed.pve.internal.vm.Drive;
import io.berth.testbed.pve.internal.vm.MacAddresses;
import io.berth.testbed.pve.internal.vm.Vm;
import io.berth.testbed.pve.internal.vm.VmStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Puts the cloud-init templates on the first node, with their base disks on the shared storage
 * (so full clones may target any node, and linked clones stay on {@code ceph-vm}).
 */
public final class TemplateSeeder {

    /**
     * A template to seed.
     *
     * @param vmid        its VMID
     * @param name        the VM name
     * @param description the description
     * @param diskSize    the base disk's size ({@code 3584M})
     * @param cores       cores
     * @param memoryMiB   memory
     * @param ciuser      the image's default user
     */
    public record TemplateSpec(int vmid, String name, String description, String diskSize, int cores, int memoryMiB,
                               String ciuser) {
    }

    public static final List<TemplateSpec> DEFAULT_TEMPLATES = List.of(
            new TemplateSpec(9000, "ubuntu-2404-cloudinit", "Ubuntu 24.04 LTS (Noble Numbat) cloud image",
                    "3584M", 2, 2048, "ubuntu"),
            new TemplateSpec(9001, "debian-12-cloudinit", "Debian 12 (bookworm) generic cloud image",
                    "3G", 1, 1024, "debian"),
            new TemplateSpec(9002, "rocky-9-cloudinit", "Rocky Linux 9 GenericCloud image",
                    "10G", 2, 2048, "rocky"));

    private TemplateSeeder() {
    }

    public static void seed(Cluster cluster, VmStore vms, MacAddresses macs, Random random) {
        String node = cluster.nodes().get(0).name();
        StorageDefinition shared = cluster.storage(DefaultCluster.SHARED_STORAGE).orElseThrow();
        long ctime = System.currentTimeMillis() / 1000 - 86_400L * 30;
        for (TemplateSpec t : DEFAULT_TEMPLATES) {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("agent", "1");
            c.put("boot", "order=scsi0");
            c.put("cores", Integer.toString(t.cores()));
            c.put("cpu", "x86-64-v2-AES");
            c.put("ciuser", t.ciuser());
            c.put("description", t.description());
            c.put("ide2", shared.id() + ":vm-" + t.vmid() + "-cloudinit,media=cdrom");
            c.put("ipconfig0", "ip=dhcp");
            c.put("memory", Integer.toString(t.memoryMiB()));
            c.put("meta", "creation-qemu=9.2.0,ctime=" + ctime);
            c.put("name", t.name());
            c.put("net0", "virtio=" + macs.next() + ",bridge=vmbr0,firewall=1");
            c.put("ostype", "l26");
            c.put("scsi0", shared.id() + ":base-" + t.vmid() + "-disk-0,discard=on,iothread=1,size=" + t.diskSize());
            c.put("scsihw", "virtio-scsi-single");
            c.put("serial0", "socket");
            c.put("smbios1", "uuid=" + uuid(random));
            c.put("sockets", "1");
            c.put("template", "1");
            c.put("vga", "serial0");
            c.put("vmgenid", uuid(random));
            vms.add(new Vm(t.vmid(), node, c, false), vms.generation());
            cluster.usage().allocate(shared, node, Drive.parse(c.get("scsi0")).sizeBytes() + 4L * 1024 * 1024);
        }
    }

    public static String uuid(Random random) {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }
}
