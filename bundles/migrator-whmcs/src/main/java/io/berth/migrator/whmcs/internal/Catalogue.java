package io.berth.migrator.whmcs.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The small WHMCS lookup tables, read once per run: products, configurable options with their sub-options,
 * custom field definitions and WHMCS servers.
 */
public record Catalogue(Map<Integer, Product> products, Map<Integer, Set<Integer>> groupsOfProduct,
        Map<Integer, OptionDef> options, Map<Integer, FieldDef> fields, Map<Integer, WhmcsServer> servers) {

    public record Product(int id, String name, String type, String module) {
    }

    /** A configurable option; {@code type} is WHMCS's text code: 1 dropdown, 2 radio, 3 yes/no, 4 quantity. */
    public record OptionDef(int id, int group, PipeName name, String type, int qtyMinimum, int order,
            List<SubOption> subs) {

        public OptionDef {
            subs = subs.stream().sorted(Comparator.comparingInt(SubOption::sortOrder).thenComparingInt(SubOption::id))
                    .toList();
        }

        public Optional<SubOption> sub(int subId) {
            return subs.stream().filter(s -> s.id() == subId).findFirst();
        }

        /** The first sub-option by sort order: what WHMCS selects when a service has no row. */
        public Optional<SubOption> first() {
            return subs.stream().findFirst();
        }
    }

    public record SubOption(int id, PipeName name, int sortOrder) {
    }

    /** A custom field: {@code type} is {@code product} (relid = product id) or {@code client}. */
    public record FieldDef(int id, String type, int relid, PipeName name, String fieldType) {
        public boolean secret() {
            return "password".equalsIgnoreCase(fieldType);
        }
    }

    public record WhmcsServer(int id, String name, String hostname, String type) {
    }

    public Catalogue {
        products = Map.copyOf(products);
        groupsOfProduct = Map.copyOf(groupsOfProduct);
        options = Map.copyOf(options);
        fields = Map.copyOf(fields);
        servers = Map.copyOf(servers);
    }

    /** Everything in the catalogue as canonical text (sorted), for the fingerprint context. */
    public String canonical() {
        return new java.util.TreeMap<>(products) + "\u0001" + new java.util.TreeMap<>(groupsOfProduct).entrySet().stream()
                .map(e -> e.getKey() + "=" + new java.util.TreeSet<>(e.getValue())).toList() + "\u0001"
                + new java.util.TreeMap<>(options) + "\u0001" + new java.util.TreeMap<>(fields) + "\u0001"
                + new java.util.TreeMap<>(servers);
    }

    /** The options of the groups linked to a product, in display order. */
    public List<OptionDef> optionsOf(int productId) {
        Set<Integer> groups = groupsOfProduct.getOrDefault(productId, Set.of());
        return options.values().stream().filter(o -> groups.contains(o.group()))
                .sorted(Comparator.comparingInt(OptionDef::order).thenComparingInt(OptionDef::id)).toList();
    }

    /** Ids of the custom fields of this type whose values are migrated (password-type fields are not). */
    public List<Integer> fieldIds(String type) {
        return fields.values().stream().filter(f -> f.type().equalsIgnoreCase(type) && !f.secret())
                .map(FieldDef::id).sorted().toList();
    }
}
