package io.berth.testbed.pve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiDispatcher;
import io.berth.testbed.pve.internal.api.ApiResponses;
import io.berth.testbed.pve.internal.api.Endpoint;
import io.berth.testbed.pve.internal.api.ParamDecoder;
import io.berth.testbed.pve.internal.auth.Authenticator;
import io.berth.testbed.pve.internal.auth.Credentials;
import io.berth.testbed.pve.internal.auth.TicketService;
import io.berth.testbed.pve.internal.cluster.Cluster;
import io.berth.testbed.pve.internal.cluster.ClusterNode;
import io.berth.testbed.pve.internal.control.ControlApi;
import io.berth.testbed.pve.internal.control.StateView;
import io.berth.testbed.pve.internal.endpoints.EndpointCatalog;
import io.berth.testbed.pve.internal.faults.FaultInjector;
import io.berth.testbed.pve.internal.http.HttpListener;
import io.berth.testbed.pve.internal.qemu.DefaultCluster;
import io.berth.testbed.pve.internal.qemu.TemplateSeeder;
import io.berth.testbed.pve.internal.schema.Formats;
import io.berth.testbed.pve.internal.schema.SchemaValidator;
import io.berth.testbed.pve.internal.task.TaskRegistry;
import io.berth.testbed.pve.internal.task.TaskRunner;
import io.berth.testbed.pve.internal.task.UpidFactory;
import io.berth.testbed.pve.internal.tls.SelfSignedCertificate;
import io.berth.testbed.pve.internal.tls.TlsContexts;
import io.berth.testbed.pve.internal.vm.CloneLedger;
import io.berth.testbed.pve.internal.vm.ConfigLocks;
import io.berth.testbed.pve.internal.vm.MacAddresses;
import io.berth.testbed.pve.internal.vm.StorageLocks;
import io.berth.testbed.pve.internal.vm.VmStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A Proxmox VE API simulator: a three-node cluster with storages and cloud-init templates,
 * speaking the PVE API under {@code /api2/json} over HTTPS (self-signed) or HTTP on loopback,
 * with PVE's authentication, envelopes, error texts, tasks and locking, and injectable faults.
 * Thread-safe. Plain Java: usable in-process (tests, demo mode) or through {@link Main}.
 *
 * <pre>{@code
 * try (PveSimulator sim = PveSimulator.start(SimOptions.fast())) {
 *     URI api = sim.baseUri().resolve("/api2/json/");
 *     String auth = "PVEAPIToken=" + sim.tokenId() + "=" + sim.tokenSecret();
 *     ...
 * }
 * }</pre>
 */
public final class PveSimulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PveSimulator.class.getName());
    private static final String USERNAME = "root@pam";

    private final SimOptions options;
    private final Credentials credentials;
    private final SelfSignedCertificate certificate;
    private final Faults faults;
    private final SimState state;
    private final Cluster cluster;
    private final VmStore vms;
    private final MacAddresses macs;
    private final Random random;
    private final TaskRegistry taskRegistry;
    private final CloneLedger clones;
    private final TaskRunner taskRunner;
    private final HttpListener listener;
    private final URI baseUri;
    private final List<Endpoint> endpoints;

    private PveSimulator(SimOptions options) throws IOException {
        this.options = options;
        long seed = options.seed() != null ? options.seed() : new SecureRandom().nextLong();
        this.random = new Random(seed);
        SecureRandom secure = new SecureRandom();
        this.credentials = new Credentials(USERNAME,
                options.password() != null ? options.password() : randomSecret(secure),
                USERNAME + "!" + options.tokenName(),
                options.tokenSecret() != null ? options.tokenSecret() : new UUID(secure.nextLong(), secure.nextLong()).toString());
        ObjectMapper json = new ObjectMapper();
        this.cluster = DefaultCluster.create(options.clusterName(), options.nodeCount(), random);
        this.vms = new VmStore();
        this.macs = new MacAddresses(random);
        TemplateSeeder.seed(cluster, vms, macs, random);
        this.faults = new Faults(options.faults());
        FaultInjector injector = new FaultInjector(faults, random);
        this.taskRegistry = new TaskRegistry(50_000);
        this.taskRunner = new TaskRunner(taskRegistry, injector, "pve-sim");
        this.clones = new CloneLedger();
        Map<String, Long> boots = cluster.nodes().stream().collect(Collectors.toMap(ClusterNode::name, ClusterNode::bootMillis));
        byte[] ticketKey = new byte[32];
        secure.nextBytes(ticketKey);
        TicketService tickets = new TicketService(ticketKey, options.ticketLifetime());
        SimContext ctx = new SimContext(cluster, vms, new ConfigLocks(), new StorageLocks(), taskRunner, taskRegistry,
                new UpidFactory(boots, random), options.latencies(), injector, macs, clones, random, json, credentials,
                tickets);
        List<String> nodeNames = cluster.nodes().stream().map(ClusterNode::name).toList();
        this.certificate = options.https() ? SelfSignedCertificate.generate(nodeNames.get(0), nodeNames, secure) : null;
        AtomicLong requests = new AtomicLong();
        AtomicReference<ApiDispatcher> api = new AtomicReference<>();
        this.state = new StateView(vms, clones, taskRegistry, requests::get, () -> api.get().requestsByEndpoint());
        ApiResponses responses = new ApiResponses(json);
        ControlApi control = new ControlApi(faults, state, this::reset, responses, json);
        this.endpoints = EndpointCatalog.create(ctx, certificate == null ? null : certificate.sha256Fingerprint());
        ApiDispatcher dispatcher = new ApiDispatcher(endpoints,
                new Authenticator(credentials, tickets), new SchemaValidator(new Formats()), new ParamDecoder(json),
                responses, injector, options.latencies(), name -> cluster.node(name).isPresent(), control, requests);
        api.set(dispatcher);
        SSLContext ssl = certificate == null ? null : TlsContexts.server(certificate, secure);
        try {
            this.listener = HttpListener.start(options.bindAddress(), options.port(), ssl, dispatcher,
                    options.maxConnections(), options.keepAliveIdle(), "pve-sim");
        } catch (IOException e) {
            taskRunner.close();
            throw e;
        }
        String host = options.bindAddress() instanceof Inet6Address
                ? "[" + options.bindAddress().getHostAddress() + "]" : options.bindAddress().getHostAddress();
        this.baseUri = URI.create((options.https() ? "https://" : "http://") + host + ":" + listener.port());
        LOG.log(System.Logger.Level.INFO, "PVE simulator listening on {0} (token id {1}, profile {2}, seed {3})",
                baseUri, credentials.tokenId(), options.profile(), Long.toString(seed));
    }

    /** Starts a simulator; it serves until {@link #close()}. */
    public static PveSimulator start(SimOptions options) {
        try {
            return new PveSimulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the PVE simulator", e);
        }
    }

    /** Where it listens, e.g. {@code https://127.0.0.1:41234}; the API is under {@code /api2/json}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The API root, {@code baseUri() + "/api2/json"}. */
    public URI apiUri() {
        return URI.create(baseUri + "/api2/json");
    }

    public int port() {
        return listener.port();
    }

    /** The TLS certificate's SHA-256 fingerprint as PVE shows it ({@code AB:CD:…}), or null for plain HTTP. */
    public String certificateSha256Fingerprint() {
        return certificate == null ? null : certificate.sha256Fingerprint();
    }

    /** The self-signed server certificate, or null for plain HTTP. */
    public X509Certificate certificate() {
        return certificate == null ? null : certificate.certificate();
    }

    /** A client SSL context that trusts exactly this simulator's certificate, or null for plain HTTP. */
    public SSLContext clientSslContext() {
        return certificate == null ? null : TlsContexts.clientTrusting(certificate);
    }

    /** The API token id, e.g. {@code root@pam!berth}. */
    public String tokenId() {
        return credentials.tokenId();
    }

    public String tokenSecret() {
        return credentials.tokenSecret();
    }

    /** {@code root@pam}. */
    public String username() {
        return credentials.username();
    }

    public String password() {
        return credentials.password();
    }

    /** The faults in force; change them at any time. */
    public Faults faults() {
        return faults;
    }

    /** A read-only view of VMs, clone requests and tasks. */
    public SimState state() {
        return state;
    }

    public SimOptions options() {
        return options;
    }

    /**
     * Back to the initial cluster: only the templates, no tasks, no clone counts, storage usage
     * of the templates only, and the faults given at start.
     */
    public void reset() {
        vms.clear();
        cluster.usage().clear();
        taskRegistry.clear();
        clones.clear();
        TemplateSeeder.seed(cluster, vms, macs, random);
        faults.set(options.faults());
    }

    /** The implemented API methods with their parameter schemas (for the conformance test). */
    List<Endpoint> endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        listener.close();
        taskRunner.close();
    }

    private static String randomSecret(SecureRandom random) {
        byte[] b = new byte[18];
        random.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
