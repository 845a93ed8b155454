package io.berth.provider.proxmox.internal;

import java.util.Locale;

/** How a template is copied: a linked clone (fast, shares the template's base disk) or a full copy. */
enum CloneMode {
    LINKED, FULL,
    /** Follow {@link io.berth.api.hypervisor.VmSpec#linkedClone()}, i.e. the image's own setting. */
    SPEC;

    static CloneMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("clone mode must be linked, full or spec, was '" + text + "'");
        }
    }
}
