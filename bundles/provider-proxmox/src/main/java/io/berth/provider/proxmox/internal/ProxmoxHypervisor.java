package io.berth.provider.proxmox.internal;

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
import io.berth.api.provider.ProviderHealth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.RequireMetaTypeExtender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Proxmox VE cluster as a {@link Hypervisor} service: one factory configuration per cluster,
 * published with {@code berth.hypervisor.id}. Wires the transport, the authentication and one small
 * class per API area, and delegates to them.
 */
@Component(service = Hypervisor.class, configurationPid = ProxmoxHypervisor.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ProxmoxHypervisor.Config.class, factory = true)
@RequireMetaTypeExtender
public final class ProxmoxHypervisor implements Hypervisor {

    /** The factory PID of the configuration. */
    public static final String PID = "io.berth.provider.proxmox";

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxHypervisor.class);

    @ObjectClassDefinition(name = "Berth Proxmox VE hypervisor",
            description = "One Proxmox VE cluster Berth makes VMs on. Create one configuration per cluster.")
    public @interface Config {

        @AttributeDefinition(name = "Hypervisor id", description = "Unique id of this cluster in Berth (service "
                + "property berth.hypervisor.id); images and servers refer to it. Do not change it once in use.")
        String berth_hypervisor_id();

        @AttributeDefinition(name = "API URL", description = "Base URL of the Proxmox VE API of any cluster node, "
                + "e.g. https://pve1.example.com:8006 (/api2/json is added when missing).")
        String api_url();

        @AttributeDefinition(name = "API token id", required = false, description = "USER@REALM!TOKENID, e.g. "
                + "berth@pve!provisioner. Preferred over user/password. Leave empty for ticket auth.")
        String token_id() default "";

        @AttributeDefinition(name = "API token secret", required = false, type = AttributeType.PASSWORD,
                description = "The token's secret (a UUID). Stored as the private property .token.secret.")
        String _token_secret() default "";

        @AttributeDefinition(name = "User", required = false, description = "USER@REALM for ticket auth, used only "
                + "when no API token id is set, e.g. berth@pve.")
        String username() default "";

        @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD,
                description = "Password for ticket auth. Stored as the private property .password.")
        String _password() default "";

        @AttributeDefinition(name = "TLS certificate fingerprint (SHA-256)", required = false, description = "Pin the "
                + "server certificate by its SHA-256 fingerprint (Datacenter > node > Certificates), e.g. "
                + "AB:CD:…. Takes precedence over the CA file.")
        String tls_fingerprint_sha256() default "";

        @AttributeDefinition(name = "TLS CA file", required = false, description = "Path of a PEM file with the CA "
                + "certificate(s) that signed the API certificate (e.g. /etc/pve/pve-root-ca.pem copied here). "
                + "Neither fingerprint nor CA file: the JDK's default trust store.")
        String tls_ca_file() default "";

        @AttributeDefinition(name = "Nodes", required = false, description = "Nodes new VMs may be placed on. "
                + "Empty: every online node.")
        String[] nodes() default {};

        @AttributeDefinition(name = "Storages", required = false, description = "Storages full clones may be put "
                + "on. Empty: any storage holding VM images with enough room.")
        String[] storages() default {};

        @AttributeDefinition(name = "Lowest VM id", min = "100", max = "999999999",
                description = "Berth only gives new VMs ids in [lowest, highest].")
        int vmid_min() default 100;

        @AttributeDefinition(name = "Highest VM id", min = "100", max = "999999999",
                description = "Berth only gives new VMs ids in [lowest, highest].")
        int vmid_max() default 999999;

        @AttributeDefinition(name = "Clone mode per template", required = false, description = "Entries "
                + "TEMPLATE=linked|full|spec where TEMPLATE is a template ref (node/vmid, e.g. pve1/9000) or a "
                + "vmid. Overrides the default below for that template.")
        String[] clone_modes() default {};

        @AttributeDefinition(name = "Default clone mode", description = "linked, full, or spec (follow the image's "
                + "own linked-clone setting).", options = {
                    @org.osgi.service.metatype.annotations.Option(label = "As the image says", value = "spec"),
                    @org.osgi.service.metatype.annotations.Option(label = "Linked clone", value = "linked"),
                    @org.osgi.service.metatype.annotations.Option(label = "Full clone", value = "full") })
        String clone_mode_default() default "spec";

        @AttributeDefinition(name = "Max concurrent full clones per node", description = "Full clones this "
                + "runtime runs at once on one node (each copies whole disks through it); linked clones, which copy "
                + "nothing, do not count. 0 for no limit.")
        int clone_max_per_node() default 2;

        @AttributeDefinition(name = "Max concurrent clones per local storage", description = "Clones this runtime "
                + "runs at once onto one node-local storage (LVM, LVM-thin, ZFS, directory) of one node: parallel "
                + "allocations there time out on its lock. 0 for no limit.")
        int clone_max_per_storage() default 2;

        @AttributeDefinition(name = "Max concurrent clones per shared storage", description = "Clones this runtime "
                + "runs at once onto one shared storage (RBD/Ceph, NFS, …), cluster-wide. Proxmox serialises "
                + "allocations there itself with a cluster lock held only for the allocation. 0 for no limit.")
        int clone_max_per_shared_storage() default 0;

        @AttributeDefinition(name = "Clone slot wait (ms)", description = "How long a clone waits in the calling "
                + "thread for a free slot. 0: it does not wait, the job asks again after the retry delay below "
                + "(without holding a thread and without counting a failed attempt).")
        int clone_slot_wait_ms() default 0;

        @AttributeDefinition(name = "Clone slot retry (ms)", description = "After how long a clone that found no "
                + "free slot asks again (plus up to half of it at random, so waiting clones spread).")
        int clone_slot_retry_ms() default 1000;

        @AttributeDefinition(name = "Clone timeout (s)", description = "After this long a clone slot counts as free "
                + "even if nobody saw its task end.")
        int clone_timeout_seconds() default 3600;

        @AttributeDefinition(name = "Connect timeout (s)")
        int connect_timeout_seconds() default 10;

        @AttributeDefinition(name = "Request timeout (s)", description = "Longest wait for an API answer.")
        int request_timeout_seconds() default 30;

        @AttributeDefinition(name = "Guest agent timeout (s)", description = "Longest wait for the guest agent to "
                + "report the VM's addresses; no answer in time counts as 'not yet'.")
        int agent_timeout_seconds() default 10;

        @AttributeDefinition(name = "Retries", description = "How often a read (or a write that is safe to repeat) "
                + "is repeated after a transient failure.")
        int http_retries() default 3;

        @AttributeDefinition(name = "Stop wait (s)", description = "How long deleting a running VM waits for it to "
                + "stop.")
        int stop_wait_seconds() default 60;

        @AttributeDefinition(name = "Task poll interval (ms)", description = "Pause between task status reads when "
                + "the provider itself waits for a task.")
        int task_poll_ms() default 1000;

        @AttributeDefinition(name = "Task watch interval (ms)", description = "Time between reads of each busy "
                + "node's task list, from which the scheduler learns at once that a task it waits for ended. "
                + "0: no watching; the scheduler then asks about each task itself.")
        int task_watch_ms() default 100;

        @AttributeDefinition(name = "Boot disk", required = false, description = "The disk to grow to the plan's "
                + "size, e.g. scsi0. Empty: the first disk in the VM's boot order.")
        String boot_disk() default "";
    }

    private final ProxmoxSettings settings;
    private final ProxmoxHttp http;
    private final ProxmoxTasks tasks;
    private final ProxmoxTaskWatch watch;
    private final ProxmoxInflight inflight;
    private final ProxmoxTemplates templates;
    private final ProxmoxPlacement placement;
    private final ProxmoxClone clone;
    private final ProxmoxConfig config;
    private final ProxmoxDisks disks;
    private final ProxmoxPower power;
    private final ProxmoxStatus status;
    private final ProxmoxGuestAgent agent;
    private final ProxmoxDeletion deletion;
    private final ProxmoxInventory inventory;
    private final ProxmoxHttpExecutor executor;

    @Activate
    public ProxmoxHypervisor(Config config) {
        this(ProxmoxSettings.from(config), Clock.systemUTC());
    }

    ProxmoxHypervisor(ProxmoxSettings settings, Clock clock) {
        this.settings = settings;
        ObjectMapper json = new ObjectMapper();
        // the client's dependent work runs on its selector thread, its TLS handshakes on a small pool
        // (ProxmoxHttpExecutor: inline saves 8 ms of CPU per server in bench/provisioning, and a burst of
        // new connections handshakes in parallel instead of one after the other)
        this.executor = new ProxmoxHttpExecutor("berth-proxmox-http-" + settings.id());
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .sslContext(ProxmoxTls.context(settings.tlsFingerprint(), settings.tlsCaFile()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        ProxmoxHttp anonymous = new ProxmoxHttp(settings.apiUrl(), client, ProxmoxAuth.none(), json,
                settings.requestTimeout(), settings.retries(), Duration.ofMillis(200));
        ProxmoxCredentials credentials = settings.credentials();
        ProxmoxAuth auth = credentials.token()
                ? new ProxmoxToken(credentials.tokenId(), credentials.tokenSecret())
                : new ProxmoxTickets(anonymous, credentials.username(), credentials.password(), clock,
                        ProxmoxTickets.RENEW_AFTER);
        this.http = anonymous.withAuth(auth);
        ProxmoxVms vms = new ProxmoxVms(http);
        ProxmoxCluster cluster = new ProxmoxCluster(http, clock);
        ProxmoxCloneSlots slots = new ProxmoxCloneSlots(settings.cloneLimits(), settings.cloneHold(), clock);
        ProxmoxStorages storages = new ProxmoxStorages(http, clock, Duration.ofMinutes(1));
        ProxmoxVmids vmids = new ProxmoxVmids(http, settings.vmidMin(), settings.vmidMax(), clock, Duration.ofMinutes(10));
        this.tasks = new ProxmoxTasks(http, clock, settings.taskPoll());
        this.watch = new ProxmoxTaskWatch(http, tasks, settings.taskWatch(), clock, "berth-proxmox-tasks-" + settings.id());
        this.inflight = new ProxmoxInflight(tasks);
        this.templates = new ProxmoxTemplates(cluster, vms, settings, storages, clock);
        this.placement = new ProxmoxPlacement(cluster, templates, vmids, storages, settings, clock);
        this.clone = new ProxmoxClone(http, cluster, templates, vmids, vms, tasks, slots, storages, settings,
                clock);
        this.config = new ProxmoxConfig(http, vms);
        this.disks = new ProxmoxDisks(http, vms, settings.bootDisk(), inflight);
        this.power = new ProxmoxPower(http, vms, inflight);
        this.status = new ProxmoxStatus(vms, cluster);
        this.agent = new ProxmoxGuestAgent(http, vms, settings.agentTimeout());
        this.deletion = new ProxmoxDeletion(http, vms, status, power, tasks, settings.stopWait(), inflight);
        this.inventory = new ProxmoxInventory(cluster, vms);
        LOG.info("proxmox hypervisor ready id={} url={} auth={} tls={} nodes={} storages={} vmids={}..{}", settings.id(),
                settings.apiUrl(), credentials, tlsMode(settings), settings.nodes(), settings.storages(),
                settings.vmidMin(), settings.vmidMax());
    }

    /** Stops watching tasks (the waiters look themselves again) and the client's handshake threads. */
    @Deactivate
    void deactivate() {
        watch.close();
        executor.close();
    }

    private static String tlsMode(ProxmoxSettings settings) {
        if (!settings.tlsFingerprint().isEmpty()) {
            return "pinned";
        }
        return settings.tlsCaFile().isEmpty() ? "default" : "ca-file";
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public ProviderHealth health() {
        try {
            JsonNode version = http.send(ProxmoxRequest.get("/version").retrySafe(false));
            return ProviderHealth.up("Proxmox VE " + Json.text(version, "version", "?") + " at " + settings.apiUrl().getHost());
        } catch (ProviderException e) {
            return ProviderHealth.down(e.kind() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return ProviderHealth.down("unexpected failure: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public List<Template> templates() throws ProviderException {
        return templates.list();
    }

    @Override
    public Placement place(VmSpec spec, List<String> avoid) throws ProviderException {
        return placement.place(spec, avoid == null ? List.of() : avoid);
    }

    @Override
    public TaskHandle clone(Placement placement, VmSpec spec) throws ProviderException {
        return clone.clone(placement, spec);
    }

    @Override
    public TaskStatus task(TaskHandle handle) throws ProviderException {
        TaskStatus result = tasks.status(handle);
        if (result.done()) {
            clone.finished(handle);
            inflight.finished(handle);
        }
        return result;
    }

    @Override
    public boolean watch(TaskHandle handle, Runnable whenEnded) {
        return !settings.taskWatch().isZero() && watch.watch(handle, whenEnded);
    }

    @Override
    public Optional<TaskHandle> configure(VmRef vm, VmSpec spec) throws ProviderException {
        return config.configure(vm, spec);
    }

    @Override
    public Optional<TaskHandle> resizeDisk(VmRef vm, VmSpec spec) throws ProviderException {
        return disks.resize(vm, spec);
    }

    @Override
    public Optional<TaskHandle> power(VmRef vm, PowerAction action) throws ProviderException {
        return power.power(vm, action);
    }

    @Override
    public VmState state(VmRef vm) throws ProviderException {
        return status.state(vm);
    }

    @Override
    public Optional<String> guestAddress(VmRef vm) throws ProviderException {
        return agent.address(vm);
    }

    @Override
    public Optional<TaskHandle> delete(VmRef vm) throws ProviderException {
        return deletion.delete(vm);
    }

    @Override
    public List<VmState> list() throws ProviderException {
        return inventory.list();
    }

    @Override
    public String toString() {
        return "ProxmoxHypervisor[" + settings.id() + " " + settings.apiUrl() + "]";
    }
}
