package io.berth.testbed.pve.internal.endpoints;

import static io.berth.testbed.pve.internal.schema.ParamSet.params;
import static io.berth.testbed.pve.internal.schema.Types.bool;
import static io.berth.testbed.pve.internal.schema.Types.integer;
import static io.berth.testbed.pve.internal.schema.Types.node;
import static io.berth.testbed.pve.internal.schema.Types.storageId;
import static io.berth.testbed.pve.internal.schema.Types.string;
import static io.berth.testbed.pve.internal.schema.Types.vmid;

import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.Endpoint;
import io.berth.testbed.pve.internal.api.EndpointHandler;
import io.berth.testbed.pve.internal.api.PathTemplate;
import io.berth.testbed.pve.internal.qemu.ConfigOptions;
import io.berth.testbed.pve.internal.qemu.VmLookup;
import io.berth.testbed.pve.internal.schema.ParamSet;
import io.berth.testbed.pve.internal.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of the PVE API tree the simulator implements: every method with its parameter
 * schema (modelled on the PVE 9 API schema; the conformance test checks it against
 * {@code apidoc.json}), its token and proxy flags, and its handler.
 */
public final class EndpointCatalog {

    private static final String VM = "/nodes/{node}/qemu/{vmid}";
    private static final String[] DISKS = disks();

    private EndpointCatalog() {
    }

    /** @param fingerprint the TLS certificate's fingerprint for {@code GET /nodes}, or null */
    public static List<Endpoint> create(SimContext ctx, String fingerprint) {
        ConfigOptions options = new ConfigOptions();
        VmLookup lookup = new VmLookup(ctx.vms());
        TaskStarter starter = new TaskStarter(ctx);
        AccessApi access = new AccessApi(ctx);
        ClusterApi cluster = new ClusterApi(ctx);
        NodesApi nodes = new NodesApi(ctx, fingerprint);
        VmListApi list = new VmListApi(ctx);
        VmStatusApi status = new VmStatusApi(ctx, lookup);
        ConfigApi config = new ConfigApi(ctx, lookup, starter, options);
        CloneApi clone = new CloneApi(ctx, lookup, starter);
        ResizeApi resize = new ResizeApi(ctx, lookup, starter);
        PowerApi power = new PowerApi(ctx, lookup, starter);
        DestroyApi destroy = new DestroyApi(ctx, lookup, starter);
        AgentApi agent = new AgentApi(ctx, lookup);
        TaskApi tasks = new TaskApi(ctx);

        List<Endpoint> e = new ArrayList<>();
        e.add(endpoint("POST", "/access/ticket", false, false, params()
                .optional("new-format", bool())
                .optional("otp", string())
                .required("password", string())
                .optional("path", string().maxLength(64))
                .optional("privs", string().format("pve-priv-list").maxLength(64))
                .optional("realm", string().format("pve-realm").maxLength(32))
                .optional("tfa-challenge", string())
                .required("username", string().maxLength(64)), access::createTicket));
        e.add(endpoint("GET", "/version", true, false, params(), nodes::version));
        e.add(endpoint("GET", "/cluster/nextid", true, false, params()
                .optional("vmid", vmid()), cluster::nextId));
        e.add(endpoint("GET", "/cluster/resources", true, false, params()
                .optional("type", string().enumValues("vm", "storage", "node", "sdn")), cluster::resources));
        e.add(endpoint("GET", "/nodes", true, false, params(), nodes::nodes));
        e.add(endpoint("GET", "/nodes/{node}/storage", true, true, params()
                .optional("content", string().format("pve-storage-content-list"))
                .optional("enabled", bool())
                .optional("format", bool())
                .required("node", node())
                .optional("storage", storageId())
                .optional("target", node()), nodes::storage));
        e.add(endpoint("GET", "/nodes/{node}/qemu", true, true, params()
                .optional("full", bool())
                .required("node", node()), list::list));
        e.add(endpoint("DELETE", VM, true, true, vmParams()
                .optional("destroy-unreferenced-disks", bool())
                .optional("purge", bool())
                .optional("skiplock", bool()), destroy::destroy));
        e.add(endpoint("POST", VM + "/clone", true, true, vmParams()
                .optional("bwlimit", integer().minimum(0))
                .optional("description", string())
                .optional("format", string().enumValues("raw", "qcow2", "vmdk"))
                .optional("full", bool())
                .optional("name", string().format("dns-name"))
                .required("newid", vmid())
                .optional("pool", string().format("pve-poolid"))
                .optional("snapname", string().format("pve-configid").maxLength(40))
                .optional("storage", storageId())
                .optional("target", node()), clone::clone));
        e.add(endpoint("GET", VM + "/config", true, true, vmParams()
                .optional("current", bool())
                .optional("snapshot", string().format("pve-configid").maxLength(40)), config::get));
        e.add(endpoint("POST", VM + "/config", true, true, configParams(options)
                .optional("background_delay", integer().minimum(1).maximum(30)), config::postAsync));
        e.add(endpoint("PUT", VM + "/config", true, true, configParams(options), config::putSync));
        e.add(endpoint("PUT", VM + "/resize", true, true, vmParams()
                .optional("digest", string().maxLength(40))
                .required("disk", string().enumValues(DISKS))
                .required("size", string().pattern("\\+?\\d+(\\.\\d+)?[KMGT]?"))
                .optional("skiplock", bool()), resize::resize));
        e.add(endpoint("GET", VM + "/status/current", true, true, vmParams(), status::current));
        e.add(endpoint("POST", VM + "/status/start", true, true, vmParams()
                .optional("force-cpu", string())
                .optional("machine", string())
                .optional("migratedfrom", node())
                .optional("migration_network", string().format("CIDR"))
                .optional("migration_type", string().enumValues("secure", "insecure"))
                .optional("nets-host-mtu", string().pattern("net\\d+=\\d+(,net\\d+=\\d+)*"))
                .optional("skiplock", bool())
                .optional("stateuri", string().maxLength(128))
                .optional("targetstorage", string().format("storage-pair-list"))
                .optional("timeout", integer().minimum(0))
                .optional("with-conntrack-state", bool()), power::start));
        e.add(endpoint("POST", VM + "/status/stop", true, true, vmParams()
                .optional("keepActive", bool())
                .optional("migratedfrom", node())
                .optional("overrule-shutdown", bool())
                .optional("skiplock", bool())
                .optional("timeout", integer().minimum(0)), power::stop));
        e.add(endpoint("POST", VM + "/status/shutdown", true, true, vmParams()
                .optional("forceStop", bool())
                .optional("keepActive", bool())
                .optional("skiplock", bool())
                .optional("timeout", integer().minimum(0)), power::shutdown));
        e.add(endpoint("POST", VM + "/status/reboot", true, true, vmParams()
                .optional("timeout", integer().minimum(0)), power::reboot));
        e.add(endpoint("POST", VM + "/status/reset", true, true, vmParams()
                .optional("skiplock", bool()), power::reset));
        e.add(endpoint("GET", VM + "/agent/network-get-interfaces", true, true, vmParams(), agent::networkGetInterfaces));
        e.add(endpoint("POST", VM + "/agent/ping", true, true, vmParams(), agent::ping));
        e.add(endpoint("GET", "/nodes/{node}/tasks", true, true, params()
                .optional("errors", bool())
                .optional("limit", integer().minimum(0))
                .required("node", node())
                .optional("since", integer())
                .optional("source", string().enumValues("archive", "active", "all"))
                .optional("start", integer().minimum(0))
                .optional("statusfilter", string().format("pve-task-status-type-list"))
                .optional("typefilter", string())
                .optional("until", integer())
                .optional("userfilter", string())
                .optional("vmid", vmid()), tasks::list));
        e.add(endpoint("GET", "/nodes/{node}/tasks/{upid}/status", true, true, params()
                .required("node", node())
                .required("upid", string()), tasks::status));
        e.add(endpoint("GET", "/nodes/{node}/tasks/{upid}/log", true, true, params()
                .optional("download", bool())
                .optional("limit", integer().minimum(0))
                .required("node", node())
                .optional("start", integer().minimum(0))
                .required("upid", string()), tasks::log));
        return e;
    }

    private static Endpoint endpoint(String method, String path, boolean allowToken, boolean proxyToNode,
                                     ParamSet params, EndpointHandler handler) {
        Schema schema = params.build();
        return new Endpoint(method, new PathTemplate(path), schema, allowToken, proxyToNode, handler);
    }

    private static ParamSet vmParams() {
        return params().required("node", node()).required("vmid", vmid());
    }

    private static ParamSet configParams(ConfigOptions options) {
        return vmParams()
                .all(options.properties())
                .optional("delete", string().format("pve-configid-list"))
                .optional("digest", string().maxLength(40))
                .optional("force", bool())
                .optional("revert", string().format("pve-configid-list"))
                .optional("skiplock", bool());
    }

    private static String[] disks() {
        List<String> d = new ArrayList<>();
        for (int i = 0; i <= 3; i++) d.add("ide" + i);
        for (int i = 0; i <= 30; i++) d.add("scsi" + i);
        for (int i = 0; i <= 15; i++) d.add("virtio" + i);
        for (int i = 0; i <= 5; i++) d.add("sata" + i);
        d.add("efidisk0");
        d.add("tpmstate0");
        return d.toArray(String[]::new);
    }
}
