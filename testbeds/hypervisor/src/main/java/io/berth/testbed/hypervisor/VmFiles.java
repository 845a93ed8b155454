package io.berth.testbed.hypervisor;

import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The VMs of a {@link FileHypervisor}: one properties file per VM id. A file appears complete or
 * not at all (written aside, then linked or moved into place), and creating one is atomic across
 * processes: of two creators of one id, exactly one succeeds.
 */
final class VmFiles {

    private static final String SUFFIX = ".vm";

    /** One VM as its file holds it. */
    record Vm(String vmId, String serverId, String name, VmState.Power power, String address) {

        Vm withPower(VmState.Power p) {
            return new Vm(vmId, serverId, name, p, address);
        }

        Vm withAddress(String a) {
            return new Vm(vmId, serverId, name, power, a);
        }

        VmState state(String node) {
            return new VmState(new VmRef(node, vmId), power, false, name, serverId);
        }
    }

    private final Path dir;

    VmFiles(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    boolean writable() {
        return Files.isWritable(dir);
    }

    /** Creates the VM's file unless one exists; false when it does. */
    boolean create(Vm vm) throws ProviderException {
        Path aside = aside(vm);
        try {
            Files.createLink(file(vm.vmId()), aside);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new ProviderException(Kind.TRANSIENT, "cannot create VM " + vm.vmId() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(aside);
        }
    }

    void write(Vm vm) throws ProviderException {
        Path aside = aside(vm);
        try {
            Files.move(aside, file(vm.vmId()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(aside);
            throw new ProviderException(Kind.TRANSIENT, "cannot write VM " + vm.vmId() + ": " + e.getMessage(), e);
        }
    }

    Vm read(String vmId) throws ProviderException {
        try {
            return parse(vmId, Files.readString(file(vmId), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ProviderException(Kind.TRANSIENT, "cannot read VM " + vmId + ": " + e.getMessage(), e);
        }
    }

    void delete(String vmId) throws ProviderException {
        try {
            Files.deleteIfExists(file(vmId));
        } catch (IOException e) {
            throw new ProviderException(Kind.TRANSIENT, "cannot delete VM " + vmId + ": " + e.getMessage(), e);
        }
    }

    List<Vm> all() throws ProviderException {
        List<Vm> all = new ArrayList<>();
        for (String id : ids()) {
            Vm vm = read(id);
            if (vm != null) {
                all.add(vm);
            }
        }
        return all;
    }

    int count() {
        try {
            return ids().size();
        } catch (ProviderException e) {
            return -1;
        }
    }

    List<String> ids() throws ProviderException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                    .map(n -> n.substring(0, n.length() - SUFFIX.length())).toList();
        } catch (IOException e) {
            throw new ProviderException(Kind.TRANSIENT, "cannot list the VMs: " + e.getMessage(), e);
        }
    }

    private Path file(String vmId) throws ProviderException {
        if (!vmId.matches("[0-9]{1,9}")) {
            throw new ProviderException(Kind.INVALID, "not a VM id: " + vmId);
        }
        return dir.resolve(vmId + SUFFIX);
    }

    private Path aside(Vm vm) throws ProviderException {
        Properties p = new Properties();
        p.setProperty("server", vm.serverId());
        p.setProperty("name", vm.name());
        p.setProperty("power", vm.power().name());
        if (vm.address() != null) {
            p.setProperty("address", vm.address());
        }
        Path aside = dir.resolve("." + vm.vmId() + "." + UUID.randomUUID() + ".tmp");
        try (var out = Files.newBufferedWriter(aside, StandardCharsets.UTF_8)) {
            p.store(out, null);
        } catch (IOException e) {
            throw new ProviderException(Kind.TRANSIENT, "cannot write VM " + vm.vmId() + ": " + e.getMessage(), e);
        }
        return aside;
    }

    private static Vm parse(String vmId, String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Vm(vmId, p.getProperty("server"), p.getProperty("name"),
                VmState.Power.valueOf(p.getProperty("power", "STOPPED")), p.getProperty("address"));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stray temporary file does no harm
        }
    }
}
