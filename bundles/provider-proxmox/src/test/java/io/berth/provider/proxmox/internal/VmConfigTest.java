package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class VmConfigTest {

    private static VmConfig config(String json) throws Exception {
        return VmConfig.from(new ObjectMapper().readTree(json));
    }

    @Test
    void bootDiskIsTheFirstDiskInTheBootOrder() throws Exception {
        VmConfig config = config("""
                {"boot":"order=ide2;virtio1;scsi0;net0","ide2":"local:iso/debian.iso,media=cdrom",
                 "scsi0":"local-lvm:vm-101-disk-0,size=8G","virtio1":"local-lvm:vm-101-disk-1,size=2G",
                 "ide0":"local-lvm:vm-101-cloudinit,media=cdrom","digest":"abc","memory":2048}""");

        assertThat(config.bootDisk()).contains("virtio1");
        assertThat(config.diskBytes("scsi0")).isEqualTo(8L << 30);
        assertThat(config.disks()).containsExactly("scsi0", "virtio1");
        assertThat(config.diskStorage("scsi0")).contains("local-lvm");
        assertThat(config.digest()).isEqualTo("abc");
        assertThat(config.values()).containsEntry("memory", "2048");
    }

    @Test
    void bootDiskFallsBackToLegacyAndDefaults() throws Exception {
        assertThat(config("{\"bootdisk\":\"virtio0\",\"virtio0\":\"ceph:vm-1-disk-0,size=10G\"}").bootDisk())
                .contains("virtio0");
        assertThat(config("{\"sata0\":\"local:vm-1-disk-0.qcow2,size=1T\",\"ide2\":\"none,media=cdrom\"}").bootDisk())
                .contains("sata0");
        assertThat(config("{\"ide2\":\"local:cloudinit,media=cdrom\"}").bootDisk()).isEmpty();
    }

    @Test
    void sizesLocksTagsAndMac() throws Exception {
        VmConfig config = config("""
                {"lock":"clone","tags":"berth;Web","template":1,"net0":"virtio=bc:24:11:aa:bb:cc,bridge=vmbr0,firewall=1",
                 "description":"hello\\nberth-server-id: srv-42\\n"}""");

        assertThat(config.lock()).contains("clone");
        assertThat(config.tags()).containsExactly("berth", "web");
        assertThat(config.template()).isTrue();
        assertThat(config.net0Mac()).contains("BC:24:11:AA:BB:CC");
        assertThat(ServerMarker.serverId(config.description())).contains("srv-42");
        assertThat(PropertyString.bytes("512M")).isEqualTo(512L << 20);
        assertThat(PropertyString.bytes("1.5T")).isEqualTo(3L << 39);
        assertThat(PropertyString.bytes("4096")).isEqualTo(4096);
    }

    @Test
    void statusMapsPauseAndLock() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(VmStatus.from(json.readTree("{\"status\":\"running\",\"qmpstatus\":\"paused\"}")).power())
                .hasToString("PAUSED");
        assertThat(VmStatus.from(json.readTree("{\"status\":\"running\",\"qmpstatus\":\"running\"}")).power())
                .hasToString("RUNNING");
        VmStatus locked = VmStatus.from(json.readTree("{\"status\":\"stopped\",\"lock\":\"clone\"}"));
        assertThat(locked.power()).hasToString("STOPPED");
        assertThat(locked.lock()).isEqualTo("clone");
    }
}
