package io.berth.testbed.pve.support;

import io.berth.testbed.pve.internal.schema.Schema;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the simulator's parameter model with the API schema: every modelled constraint must
 * be the documented one, and a constraint the documentation has must not be missing from the
 * model (the simulator would accept what PVE refuses) unless it is listed as a known,
 * documented simplification.
 */
public final class SchemaComparison {

    private final Set<String> looserPropertyStrings;

    /** @param looserPropertyStrings parameters whose property-string format the simulator does not model */
    public SchemaComparison(Set<String> looserPropertyStrings) {
        this.looserPropertyStrings = Set.copyOf(looserPropertyStrings);
    }

    public void compare(String where, String name, Schema model, Schema doc, List<String> problems) {
        String at = where + " " + name;
        if (!Objects.equals(model.type(), doc.type())) {
            problems.add(at + ": type " + model.type() + " vs documented " + doc.type());
        }
        if (model.optional() != doc.optional()) {
            problems.add(at + ": optional " + model.optional() + " vs documented " + doc.optional());
        }
        if (!Objects.equals(set(model.enumValues()), set(doc.enumValues()))) {
            problems.add(at + ": enum " + model.enumValues() + " vs documented " + doc.enumValues());
        }
        number(at, "minimum", model.minimum(), doc.minimum(), problems);
        number(at, "maximum", model.maximum(), doc.maximum(), problems);
        if (!Objects.equals(model.maxLength(), doc.maxLength())) {
            problems.add(at + ": maxLength " + model.maxLength() + " vs documented " + doc.maxLength());
        }
        if (!Objects.equals(model.minLength(), doc.minLength())) {
            problems.add(at + ": minLength " + model.minLength() + " vs documented " + doc.minLength());
        }
        if (!Objects.equals(model.pattern(), doc.pattern())) {
            problems.add(at + ": pattern " + model.pattern() + " vs documented " + doc.pattern());
        }
        if (model.defaultKey() != doc.defaultKey() || !Objects.equals(model.alias(), doc.alias())
                || !Objects.equals(model.keyAlias(), doc.keyAlias())) {
            problems.add(at + ": default_key/alias/keyAlias differ");
        }
        if (model.indexMax() != null && doc.indexMax() != null && !model.indexMax().equals(doc.indexMax())) {
            problems.add(at + ": index range 0.." + model.indexMax() + " vs documented 0.." + doc.indexMax());
        }
        compareFormat(at, name, model, doc, problems);
    }

    private void compareFormat(String at, String name, Schema model, Schema doc, List<String> problems) {
        if (doc.formatName() != null || model.formatName() != null) {
            if (!Objects.equals(model.formatName(), doc.formatName())) {
                problems.add(at + ": format " + model.formatName() + " vs documented " + doc.formatName());
            }
            return;
        }
        Map<String, Schema> docKeys = doc.formatProperties();
        Map<String, Schema> modelKeys = model.formatProperties();
        if (docKeys == null && modelKeys == null) {
            return;
        }
        if (docKeys == null) {
            problems.add(at + ": models a property-string format the documentation does not have");
            return;
        }
        if (modelKeys == null) {
            if (!looserPropertyStrings.contains(name)) {
                problems.add(at + ": documented property-string format is not modelled");
            }
            return;
        }
        for (Map.Entry<String, Schema> e : modelKeys.entrySet()) {
            Schema d = docKeys.get(e.getKey());
            if (d == null) {
                problems.add(at + ": property-string key '" + e.getKey() + "' is not documented");
            } else {
                compare(at, "." + e.getKey(), e.getValue(), d, problems);
            }
        }
        for (Map.Entry<String, Schema> e : docKeys.entrySet()) {
            if (!modelKeys.containsKey(e.getKey())) {
                problems.add(at + ": documented property-string key '" + e.getKey() + "' is not modelled");
            }
        }
    }

    private static void number(String at, String what, BigDecimal model, BigDecimal doc, List<String> problems) {
        boolean same = model == null ? doc == null : doc != null && model.compareTo(doc) == 0;
        if (!same) {
            problems.add(at + ": " + what + " " + model + " vs documented " + doc);
        }
    }

    private static Set<String> set(List<String> values) {
        return values == null ? null : new HashSet<>(values);
    }
}
