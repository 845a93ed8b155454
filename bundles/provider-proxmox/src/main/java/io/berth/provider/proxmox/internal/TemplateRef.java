package io.berth.provider.proxmox.internal;

import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

/**
 * Names a template: {@code node/vmid} (e.g. {@code pve1/9000}), or a bare {@code vmid} when the node
 * does not matter (it is then looked up in the cluster).
 *
 * @param node the node, or {@code null} when not given
 */
record TemplateRef(String node, int vmid) {

    static TemplateRef parse(String ref) {
        String text = ref == null ? "" : ref.trim();
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                return new TemplateRef(null, Integer.parseInt(text));
            }
            String node = text.substring(0, slash).trim();
            if (node.isEmpty()) {
                throw new IllegalArgumentException("empty node");
            }
            return new TemplateRef(node, Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("template ref must be 'node/vmid' or 'vmid', was '" + ref + "'");
        }
    }

    static TemplateRef parseChecked(String ref) throws ProviderException {
        try {
            return parse(ref);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(Kind.INVALID, e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return node == null ? String.valueOf(vmid) : node + "/" + vmid;
    }
}
