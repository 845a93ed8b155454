package io.berth.migrator.whmcs.internal;

/**
 * A service's value of one configurable option, after defaults for missing rows.
 *
 * @param sub the chosen sub-option (types 1, 2) or the unit label (types 3, 4), or {@code null}
 * @param qty the quantity (type 4) or 1/0 (type 3)
 * @param defaulted the service had no usable row: WHMCS's default was taken
 */
public record ResolvedOption(int configId, PipeName name, String type, PipeName sub, int qty, boolean defaulted) {

    public boolean quantity() {
        return "4".equals(type);
    }

    public boolean yesNo() {
        return "3".equals(type);
    }

    /** The value as WHMCS hands it to modules: sub-option value, quantity, or Yes/No. */
    public String value() {
        if (yesNo()) {
            return qty > 0 ? "Yes" : "No";
        }
        if (quantity()) {
            return String.valueOf(qty);
        }
        return sub == null ? "" : sub.value();
    }
}
