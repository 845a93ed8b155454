package io.berth.testbed.hypervisor;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.PowerAction;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.TaskStatus;
import io.berth.api.hypervisor.Template;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;
import io.berth.api.provider.ProviderHealth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A {@link Hypervisor} whose cluster is a directory: one {@link VmFiles file per VM}, tasks that
 * are done when they are started, and a {@link Journal} of every change. Several runtimes
 * configured with the same directory share one cluster, so a test can tell which node did what and
 * that nothing was done twice. A VM id is suggested, not reserved (like Proxmox' {@code nextid}):
 * one of the lowest free ids, so two nodes may be told the same id and one of them gets
 * {@code ALREADY_EXISTS}.
 */
@Component(service = Hypervisor.class, configurationPid = FileHypervisor.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FileHypervisor.Config.class, factory = true)
public final class FileHypervisor implements Hypervisor {

    static final String PID = "io.berth.testbed.hypervisor";
    static final String NODE = "node1";
    static final int FIRST_ID = 100;
    static final int CHOICES = 8;

    @ObjectClassDefinition(name = "Berth test hypervisor",
            description = "An instant hypervisor whose VMs are files in a directory several runtimes may share. "
                    + "For tests and demonstrations of the Hypervisor SPI; it runs no virtual machine.")
    public @interface Config {

        @AttributeDefinition(name = "Hypervisor id", description = "The id images refer to (berth.hypervisor.id).")
        String berth_hypervisor_id();

        @AttributeDefinition(name = "Directory", description = "Where the VMs and the journal are kept.")
        String directory();

        @AttributeDefinition(name = "Templates", description = "ref|name|os|disk_gb of each template.")
        String[] templates() default {"tmpl-1|Test Image|ubuntu|10"};
    }

    private final String id;
    private final VmFiles vms;
    private final Journal journal;
    private final List<Template> templates;

    @Activate
    public FileHypervisor(Config config) throws IOException {
        this(config.berth_hypervisor_id(), Path.of(config.directory()), templates(config.templates()),
                "pid-" + ProcessHandle.current().pid());
    }

    FileHypervisor(String id, Path directory, List<Template> templates, String actor) throws IOException {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(PID + ": berth.hypervisor.id is required");
        }
        this.id = id;
        this.vms = new VmFiles(directory.resolve("vms"));
        this.journal = new Journal(directory.resolve("journal.log"), actor);
        this.templates = templates;
    }

    static List<Template> templates(String[] specs) {
        List<Template> list = new ArrayList<>();
        for (String spec : specs == null ? new String[0] : specs) {
            String[] f = spec.split("\\|", -1);
            if (f.length != 4) {
                throw new IllegalArgumentException(PID + ": templates: '" + spec + "' is not ref|name|os|disk_gb");
            }
            list.add(new Template(f[0], f[1], f[2], Integer.parseInt(f[3].trim())));
        }
        return List.copyOf(list);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderHealth health() {
        return vms.writable() ? ProviderHealth.up("test hypervisor, " + vms.count() + " VMs")
                : ProviderHealth.down("the VM directory is not writable");
    }

    @Override
    public List<Template> templates() {
        return templates;
    }

    @Override
    public Placement place(VmSpec spec, List<String> avoid) throws ProviderException {
        // one of the lowest free ids, at random: runtimes placing at the same moment seldom collide,
        // and when they do, the loser hears ALREADY_EXISTS from clone and asks again
        Set<String> taken = new HashSet<>(vms.ids());
        if (avoid != null) {
            taken.addAll(avoid);
        }
        List<Integer> free = new ArrayList<>();
        for (int id = FIRST_ID; free.size() < CHOICES; id++) {
            if (!taken.contains(Integer.toString(id))) {
                free.add(id);
            }
        }
        int chosen = free.get(ThreadLocalRandom.current().nextInt(free.size()));
        return new Placement(new VmRef(NODE, Integer.toString(chosen)), "local");
    }

    @Override
    public TaskHandle clone(Placement placement, VmSpec spec) throws ProviderException {
        template(spec.templateRef());
        VmRef vm = placement.vm();
        VmFiles.Vm existing = vms.read(vm.vmId());
        if (existing != null) {
            if (spec.serverId().equals(existing.serverId())) {
                return done(vm, "clone"); // this server's clone is there already: nothing to repeat
            }
            throw new ProviderException(Kind.ALREADY_EXISTS, "VM " + vm.vmId() + " already exists");
        }
        if (!vms.create(new VmFiles.Vm(vm.vmId(), spec.serverId(), spec.name(), VmState.Power.STOPPED, null))) {
            throw new ProviderException(Kind.ALREADY_EXISTS, "VM " + vm.vmId() + " already exists");
        }
        journal.record("clone", vm.vmId(), spec.serverId());
        return done(vm, "clone");
    }

    @Override
    public TaskStatus task(TaskHandle handle) {
        return new TaskStatus(TaskStatus.State.SUCCEEDED, "OK");
    }

    @Override
    public Optional<TaskHandle> configure(VmRef vm, VmSpec spec) throws ProviderException {
        VmFiles.Vm current = existing(vm);
        String address = spec.network() == null ? null : spec.network().address();
        if (address != null && !address.equals(current.address())) {
            vms.write(current.withAddress(address));
            journal.record("configure", vm.vmId(), current.serverId());
        }
        return Optional.empty();
    }

    @Override
    public Optional<TaskHandle> resizeDisk(VmRef vm, VmSpec spec) throws ProviderException {
        existing(vm);
        return Optional.empty();
    }

    @Override
    public Optional<TaskHandle> power(VmRef vm, PowerAction action) throws ProviderException {
        VmFiles.Vm current = existing(vm);
        VmState.Power target = switch (action) {
            case START, REBOOT -> VmState.Power.RUNNING;
            case STOP, SHUTDOWN -> VmState.Power.STOPPED;
        };
        if (current.power() == target && action != PowerAction.REBOOT) {
            return Optional.empty();
        }
        String op = action.name().toLowerCase(Locale.ROOT);
        vms.write(current.withPower(target));
        journal.record(op, vm.vmId(), current.serverId());
        return Optional.of(done(vm, op));
    }

    @Override
    public VmState state(VmRef vm) throws ProviderException {
        VmFiles.Vm current = vms.read(vm.vmId());
        return current == null ? VmState.absent(vm) : current.state(NODE);
    }

    @Override
    public Optional<String> guestAddress(VmRef vm) throws ProviderException {
        VmFiles.Vm current = vms.read(vm.vmId());
        return current == null || current.power() != VmState.Power.RUNNING ? Optional.empty()
                : Optional.ofNullable(current.address());
    }

    @Override
    public Optional<TaskHandle> delete(VmRef vm) throws ProviderException {
        VmFiles.Vm current = vms.read(vm.vmId());
        if (current == null) {
            return Optional.empty();
        }
        vms.delete(vm.vmId());
        journal.record("delete", vm.vmId(), current.serverId());
        return Optional.of(done(vm, "delete"));
    }

    @Override
    public List<VmState> list() throws ProviderException {
        return vms.all().stream().map(v -> v.state(NODE)).toList();
    }

    private VmFiles.Vm existing(VmRef vm) throws ProviderException {
        VmFiles.Vm current = vms.read(vm.vmId());
        if (current == null) {
            throw new ProviderException(Kind.NOT_FOUND, "VM " + vm.vmId() + " does not exist");
        }
        return current;
    }

    private void template(String ref) throws ProviderException {
        if (templates.stream().noneMatch(t -> t.ref().equals(ref))) {
            throw new ProviderException(Kind.NOT_FOUND, "no template " + ref);
        }
    }

    private static TaskHandle done(VmRef vm, String op) {
        return new TaskHandle(vm.node(), op + ":" + vm.vmId() + ":" + UUID.randomUUID());
    }
}
