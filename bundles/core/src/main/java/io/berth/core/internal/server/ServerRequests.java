package io.berth.core.internal.server;

import io.berth.api.catalog.Catalog;
import io.berth.api.catalog.Image;
import io.berth.api.catalog.Limits;
import io.berth.api.catalog.Plan;
import io.berth.api.domain.Validation;
import io.berth.api.server.CreateServer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks an order for a server and works out its size; every problem names its field. */
final class ServerRequests {

    /** RFC 1123 label, lower case: it becomes the VM's hostname. */
    static final Pattern NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    static final Pattern SSH_KEY = Pattern.compile(
            "^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com)"
                    + " [A-Za-z0-9+/]+={0,3}( [^\\r\\n]*)?$");
    static final int MAX_SSH_KEYS = 10;

    /** A valid order with its resolved image and size. */
    record Checked(Image image, Plan plan, int cpuCores, int memoryMb, int diskGb, List<String> sshKeys, String hash) {
    }

    private ServerRequests() {
    }

    static Checked check(CreateServer request, Catalog catalog) {
        Validation v = new Validation();
        v.check(request.name() != null && NAME.matcher(request.name()).matches(), "name",
                "must be 1-63 lower-case letters, digits or hyphens, not starting or ending with a hyphen");
        v.check(request.imageId() != null, "image_id", "is required");
        Optional<Image> image = request.imageId() == null ? Optional.empty() : catalog.image(request.imageId());
        v.check(request.imageId() == null || image.isPresent(), "image_id", "is not an image on offer");
        Plan plan = null;
        int cpu;
        int memory;
        int disk;
        if (request.planId() != null) {
            plan = catalog.plan(request.planId()).orElse(null);
            v.check(plan != null, "plan_id", "is not a plan on offer");
            v.check(request.cpuCores() == null && request.memoryMb() == null && request.diskGb() == null, "plan_id",
                    "give either a plan or cpu_cores, memory_mb and disk_gb, not both");
            cpu = plan == null ? 0 : plan.cpuCores();
            memory = plan == null ? 0 : plan.memoryMb();
            disk = plan == null ? 0 : plan.diskGb();
        } else {
            Limits limits = catalog.limits();
            v.check(request.cpuCores() != null, "cpu_cores", "is required without a plan_id");
            v.check(request.memoryMb() != null, "memory_mb", "is required without a plan_id");
            v.check(request.diskGb() != null, "disk_gb", "is required without a plan_id");
            cpu = request.cpuCores() == null ? 0 : request.cpuCores();
            memory = request.memoryMb() == null ? 0 : request.memoryMb();
            disk = request.diskGb() == null ? 0 : request.diskGb();
            v.check(request.cpuCores() == null || cpu >= 1 && cpu <= limits.maxCpuCores(), "cpu_cores",
                    "must be between 1 and " + limits.maxCpuCores());
            v.check(request.memoryMb() == null || memory >= 256 && memory <= limits.maxMemoryMb(), "memory_mb",
                    "must be between 256 and " + limits.maxMemoryMb());
            v.check(request.diskGb() == null || disk >= 1 && disk <= limits.maxDiskGb(), "disk_gb",
                    "must be between 1 and " + limits.maxDiskGb());
        }
        if (image.isPresent() && disk > 0 && !v.hasError("disk_gb")) {
            v.check(disk >= image.get().minDiskGb(), plan != null ? "plan_id" : "disk_gb",
                    "the image " + image.get().name() + " needs a disk of at least " + image.get().minDiskGb() + " GB");
        }
        List<String> keys = request.sshKeys().stream().map(String::trim).toList();
        v.check(keys.size() <= MAX_SSH_KEYS, "ssh_keys", "at most " + MAX_SSH_KEYS + " keys");
        for (int i = 0; i < keys.size(); i++) {
            v.check(SSH_KEY.matcher(keys.get(i)).matches(), "ssh_keys[" + i + "]", "is not an OpenSSH public key");
        }
        v.throwIfInvalid();
        return new Checked(image.orElseThrow(), plan, cpu, memory, disk, keys, hash(request));
    }

    /** A digest of the order as given, to tell a replay from a different request with the same key. */
    static String hash(CreateServer r) {
        String canonical = String.join("\n", String.valueOf(r.name()), String.valueOf(r.imageId()),
                String.valueOf(r.planId()), String.valueOf(r.cpuCores()), String.valueOf(r.memoryMb()),
                String.valueOf(r.diskGb()), String.join("\u0001", r.sshKeys()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
