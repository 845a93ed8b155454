package io.berth.testbed.pve.internal.qemu;

import io.berth.testbed.pve.internal.vm.Drive;
import io.berth.testbed.pve.internal.vm.Vm;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The numbers PVE reports for a guest (CPUs, memory, disk, uptime, traffic). Sizes come from the
 * config; usage figures are plausible values derived from the VMID and uptime, stable between calls.
 *
 * @param cpus      {@code cores × sockets}
 * @param maxmem    configured memory in bytes
 * @param mem       used memory in bytes (0 when stopped)
 * @param maxdisk   size of the boot disk in bytes
 * @param uptime    seconds since start (0 when stopped)
 * @param cpu       CPU usage fraction
 * @param netin     bytes received
 * @param netout    bytes sent
 * @param diskread  bytes read
 * @param diskwrite bytes written
 */
public record VmMetrics(int cpus, long maxmem, long mem, long maxdisk, long uptime, double cpu, long netin, long netout,
                        long diskread, long diskwrite) {

    private static final long MIB = 1024L * 1024;
    private static final Pattern BOOT_ORDER = Pattern.compile("[;,]");

    public static VmMetrics of(Vm vm, long nowMillis) {
        Map<String, String> conf = vm.config();
        Vm.RunState run = vm.runState();
        int cpus = intOption(conf.get("cores"), 1) * intOption(conf.get("sockets"), 1);
        long maxmem = memoryMiB(conf.get("memory")) * MIB;
        long maxdisk = bootDiskBytes(vm);
        if (!"running".equals(run.status())) {
            return new VmMetrics(cpus, maxmem, 0, maxdisk, 0, 0, 0, 0, 0, 0);
        }
        long uptime = Math.max(0, (nowMillis - run.startedAtMillis()) / 1000);
        int seed = Math.floorMod(vm.vmid() * 2654435761L, 1000);
        long mem = (long) (maxmem * (0.22 + seed / 5000.0));
        double cpu = 0.005 + (seed % 40) / 1000.0;
        long netin = uptime * (900 + seed) + 4096;
        long netout = uptime * (300 + seed / 2) + 2048;
        long diskread = 180 * MIB + uptime * 4096L;
        long diskwrite = 12 * MIB + uptime * 2048L;
        return new VmMetrics(cpus, maxmem, mem, maxdisk, uptime, cpu, netin, netout, diskread, diskwrite);
    }

    /** The configured memory in MiB ({@code memory: 2048} or {@code memory: current=2048}); 512 by default. */
    public static long memoryMiB(String memory) {
        if (memory == null) {
            return 512;
        }
        String v = memory.startsWith("current=") ? memory.substring("current=".length()) : memory;
        int comma = v.indexOf(',');
        return longOption(comma < 0 ? v : v.substring(0, comma), 512);
    }

    private static long bootDiskBytes(Vm vm) {
        Map<String, String> conf = vm.config();
        String boot = conf.get("boot");
        if (boot != null && boot.startsWith("order=")) {
            for (String dev : BOOT_ORDER.split(boot.substring("order=".length()))) {
                String value = conf.get(dev);
                if (value != null && Drive.isDriveKey(dev) && !Drive.parse(value).isCdrom()) {
                    return Drive.parse(value).sizeBytes();
                }
            }
        }
        for (String k : vm.driveKeys()) {
            Drive d = Drive.parse(conf.getOrDefault(k, "none"));
            if (!d.isCdrom() && !d.isCloudInit()) {
                return d.sizeBytes();
            }
        }
        return 0;
    }

    private static int intOption(String v, int fallback) {
        return (int) longOption(v, fallback);
    }

    private static long longOption(String v, long fallback) {
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
