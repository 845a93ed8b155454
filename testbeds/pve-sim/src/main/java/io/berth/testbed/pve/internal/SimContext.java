package io.berth.testbed.pve.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.testbed.pve.Latencies;
import io.berth.testbed.pve.internal.auth.Credentials;
import io.berth.testbed.pve.internal.auth.TicketService;
import io.berth.testbed.pve.internal.cluster.Cluster;
import io.berth.testbed.pve.internal.faults.FaultInjector;
import io.berth.testbed.pve.internal.task.TaskRegistry;
import io.berth.testbed.pve.internal.task.TaskRunner;
import io.berth.testbed.pve.internal.task.UpidFactory;
import io.berth.testbed.pve.internal.vm.CloneLedger;
import io.berth.testbed.pve.internal.vm.ConfigLocks;
import io.berth.testbed.pve.internal.vm.MacAddresses;
import io.berth.testbed.pve.internal.vm.StorageLocks;
import io.berth.testbed.pve.internal.vm.VmStore;
import java.util.Random;

/**
 * Everything the API handlers share: the cluster and its guests, locks, tasks, timing, faults,
 * credentials and the JSON mapper. One per simulator instance.
 */
public record SimContext(Cluster cluster, VmStore vms, ConfigLocks configLocks, StorageLocks storageLocks,
                         TaskRunner tasks, TaskRegistry taskRegistry, UpidFactory upids, Latencies latencies,
                         FaultInjector faults, MacAddresses macs, CloneLedger clones, Random random,
                         ObjectMapper json, Credentials credentials, TicketService tickets) {
}
