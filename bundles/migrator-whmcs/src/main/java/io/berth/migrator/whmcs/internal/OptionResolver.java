package io.berth.migrator.whmcs.internal;

import io.berth.migrator.whmcs.internal.Catalogue.OptionDef;
import io.berth.migrator.whmcs.internal.Catalogue.SubOption;
import io.berth.migrator.whmcs.internal.WhmcsService.OptionRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out the value of every configurable option of a service's product, as WHMCS would: rows for options of
 * the product's groups; WHMCS's default where a row is missing or points at a deleted sub-option (dropdown and
 * radio: the first sub-option by sort order; yes/no: no; quantity: the minimum); rows of deleted or unlinked
 * options are ignored and noted.
 */
public final class OptionResolver {

    /** The options of a service and what was odd about its rows. */
    public record Resolution(List<ResolvedOption> options, List<String> notes) {
    }

    private final Catalogue catalogue;
    private final Map<Integer, List<OptionDef>> byProduct = new HashMap<>();

    public OptionResolver(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Resolution resolve(WhmcsService service) {
        List<ResolvedOption> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<OptionDef> defs = byProduct.computeIfAbsent(service.productId(), catalogue::optionsOf);
        for (OptionRow row : service.options()) {
            OptionDef def = catalogue.options().get(row.configId());
            if (def == null) {
                notes.add("row points at deleted option " + row.configId() + ": ignored");
            } else if (defs.stream().noneMatch(d -> d.id() == def.id())) {
                notes.add("option '" + def.name().value() + "' is not linked to product " + service.productId()
                        + ": ignored");
            }
        }
        for (OptionDef def : defs) {
            OptionRow row = service.options().stream().filter(r -> r.configId() == def.id()).findFirst().orElse(null);
            out.add(resolve(def, row, notes));
        }
        return new Resolution(out, notes);
    }

    private static ResolvedOption resolve(OptionDef def, OptionRow row, List<String> notes) {
        String type = def.type() == null ? "" : def.type().strip();
        boolean counted = "3".equals(type) || "4".equals(type);
        if (row == null) {
            notes.add("no row for option '" + def.name().value() + "': WHMCS default");
            SubOption first = def.first().orElse(null);
            int qty = "4".equals(type) ? Math.max(0, def.qtyMinimum()) : 0;
            return new ResolvedOption(def.id(), def.name(), type, first == null ? null : first.name(), qty, true);
        }
        if (counted) {
            PipeName unit = def.sub(row.optionId()).or(def::first).map(SubOption::name).orElse(null);
            return new ResolvedOption(def.id(), def.name(), type, unit, row.qty(), false);
        }
        SubOption chosen = def.sub(row.optionId()).orElse(null);
        if (chosen == null) {
            notes.add("option '" + def.name().value() + "' points at deleted sub-option " + row.optionId()
                    + ": WHMCS default");
            SubOption first = def.first().orElse(null);
            return new ResolvedOption(def.id(), def.name(), type, first == null ? null : first.name(), 0, true);
        }
        return new ResolvedOption(def.id(), def.name(), type, chosen.name(), row.qty(), false);
    }
}
