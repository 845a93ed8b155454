package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.VmRef;

import java.util.ArrayList;
import java.util.List;

/**
 * A placement as the {@code place} step stores it: handle {@code node/vmid} (followed by
 * {@code " storage=<storage>"} when one was chosen), outcome {@code avoid=<VM ids found taken,
 * comma separated>}. Node names, VM ids and storage names contain neither slashes nor spaces.
 */
final class Placements {

    private static final String STORAGE = " storage=";

    private Placements() {
    }

    static String handle(Placement p) {
        String vm = p.vm().node() + "/" + p.vm().vmId();
        return p.storage() == null ? vm : vm + STORAGE + p.storage();
    }

    static String outcome(List<String> avoid) {
        return "avoid=" + String.join(",", avoid);
    }

    static Placement placement(String handle) {
        int space = handle.indexOf(STORAGE);
        String vm = space < 0 ? handle : handle.substring(0, space);
        String storage = space < 0 ? null : handle.substring(space + STORAGE.length()).trim();
        return new Placement(vm(vm), storage == null || storage.isEmpty() ? null : storage);
    }

    static VmRef vm(String handle) {
        int space = handle.indexOf(' ');
        String vm = space < 0 ? handle : handle.substring(0, space);
        int slash = vm.indexOf('/');
        if (slash <= 0 || slash == vm.length() - 1) {
            throw new IllegalArgumentException("not a stored placement: " + handle);
        }
        return new VmRef(vm.substring(0, slash), vm.substring(slash + 1));
    }

    static List<String> avoid(String outcome) {
        List<String> ids = new ArrayList<>();
        if (outcome != null && outcome.startsWith("avoid=")) {
            for (String id : outcome.substring("avoid=".length()).split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.trim());
                }
            }
        }
        return ids;
    }
}
