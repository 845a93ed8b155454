package io.berth.testbed.pve.internal.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/** Shorthands for declaring parameter schemas, mirroring PVE's standard options. */
public final class Types {

    private Types() {
    }

    public static Schema.Builder string() {
        return Schema.builder("string");
    }

    public static Schema.Builder integer() {
        return Schema.builder("integer");
    }

    public static Schema.Builder number() {
        return Schema.builder("number");
    }

    public static Schema.Builder bool() {
        return Schema.builder("boolean");
    }

    /** {@code get_standard_option('pve-node')}. */
    public static Schema.Builder node() {
        return string().format("pve-node");
    }

    /** {@code get_standard_option('pve-vmid')}. */
    public static Schema.Builder vmid() {
        return integer().format("pve-vmid").minimum(100).maximum(999_999_999);
    }

    /** {@code get_standard_option('pve-storage-id')}. */
    public static Schema.Builder storageId() {
        return string().format("pve-storage-id");
    }

    /** A property-string key. */
    public static Schema.Builder key(String type) {
        return Schema.builder(type);
    }

    /** An alias key of a property string ({@code virtio=<mac>} sets {@code macaddr} and {@code model}). */
    public static Schema alias(String target, String keyAlias) {
        return Schema.builder(null).alias(target).keyAlias(keyAlias).build();
    }

    /** An ordered map literal for property-string formats. */
    public static Map<String, Schema> keys(Object... nameSchemaPairs) {
        Map<String, Schema> out = new LinkedHashMap<>();
        for (int i = 0; i < nameSchemaPairs.length; i += 2) {
            Object s = nameSchemaPairs[i + 1];
            out.put((String) nameSchemaPairs[i], s instanceof Schema.Builder b ? b.build() : (Schema) s);
        }
        return out;
    }
}
