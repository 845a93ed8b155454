package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.VmRef;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guest's IPv4 address from {@code GET …/agent/network-get-interfaces}. Empty while the agent
 * does not answer: not running yet (HTTP 500 "QEMU guest agent is not running"), not configured,
 * the VM stopped, or no answer within the agent timeout. The interface with the MAC of {@code net0}
 * wins; otherwise the first non-loopback, non-link-local IPv4 address.
 */
final class ProxmoxGuestAgent {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxGuestAgent.class);

    private final ProxmoxHttp http;
    private final ProxmoxVms vms;
    private final Duration timeout;

    ProxmoxGuestAgent(ProxmoxHttp http, ProxmoxVms vms, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.vms = Objects.requireNonNull(vms, "vms");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    Optional<String> address(VmRef vm) throws ProviderException {
        JsonNode data;
        try {
            // not repeated here: the scheduler polls anyway, and a slow agent would multiply the wait
            data = http.send(ProxmoxRequest.get(ProxmoxVms.path(vm, "agent", "network-get-interfaces"))
                    .retrySafe(false).timeout(timeout));
        } catch (ProxmoxApiException e) {
            if (notAnswering(e)) {
                LOG.debug("proxmox guest agent not answering vm={} reason={}", vm, e.getMessage());
                return Optional.empty();
            }
            throw e;
        }
        List<Candidate> candidates = candidates(data);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (candidates.size() > 1) {
            Optional<String> mac = vms.config(vm).net0Mac();
            if (mac.isPresent()) {
                for (Candidate c : candidates) {
                    if (mac.get().equalsIgnoreCase(c.mac())) {
                        return Optional.of(c.address());
                    }
                }
            }
        }
        return Optional.of(candidates.get(0).address());
    }

    static boolean notAnswering(ProxmoxApiException e) {
        if (e.timedOut()) {
            return true;
        }
        if (e.kind() == Kind.AUTHENTICATION || e.kind() == Kind.NOT_FOUND && !e.mentions("agent")) {
            return false;
        }
        return e.mentions("guest agent is not running") || e.mentions("no qemu guest agent configured")
                || e.mentions("guest-ping failed") || e.mentions("got timeout") || e.mentions("not running");
    }

    /** Non-loopback IPv4 addresses in interface order. */
    static List<Candidate> candidates(JsonNode data) {
        JsonNode interfaces = data != null && data.has("result") ? data.get("result") : data;
        List<Candidate> candidates = new ArrayList<>();
        if (interfaces == null || !interfaces.isArray()) {
            return candidates;
        }
        for (JsonNode nic : interfaces) {
            String name = Json.text(nic, "name", "");
            if (name.equals("lo")) {
                continue;
            }
            JsonNode addresses = nic.get("ip-addresses");
            if (addresses == null || !addresses.isArray()) {
                continue; // no address yet (DHCP pending)
            }
            for (JsonNode address : addresses) {
                String type = Json.text(address, "ip-address-type", "").toLowerCase(Locale.ROOT);
                String ip = Json.text(address, "ip-address", "");
                if (type.equals("ipv4") && !ip.startsWith("127.") && !ip.startsWith("169.254.") && !ip.isEmpty()) {
                    candidates.add(new Candidate(Json.text(nic, "hardware-address", ""), ip));
                }
            }
        }
        return candidates;
    }

    record Candidate(String mac, String address) {
    }
}
