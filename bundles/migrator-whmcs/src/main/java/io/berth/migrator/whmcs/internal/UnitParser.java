package io.berth.migrator.whmcs.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads sizes such as {@code 4 GB}, {@code 4096}, {@code 4096 MB}, {@code 1 TB}, {@code 2 vCPU} and converts them to
 * the unit of a Berth field (MB for memory, GB for disk, a count for cores). Decimal units (GB = 1024 MB, TB =
 * 1024 GB, as hosting panels use them).
 */
public final class UnitParser {

    /** A number with an optional unit. */
    public record Quantity(BigDecimal number, String unit) {
        public boolean hasUnit() {
            return unit != null;
        }
    }

    private static final Pattern QUANTITY = Pattern.compile(
            "(\\d+(?:[.,]\\d+)?)\\s*(tib|tb|t|gib|gb|g|mib|mb|m|kib|kb|k)?\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNIT_ONLY = Pattern.compile("^\\s*(tib|tb|gib|gb|mib|mb)\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** Bare memory numbers below this are taken as GB ("4" means 4 GB, nobody sells 4 MB). */
    static final int BARE_MEMORY_GB_BELOW = 64;

    private UnitParser() {
    }

    /** The first number in the text and the unit written right after it, if any. */
    public static Optional<Quantity> quantity(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher unitOnly = UNIT_ONLY.matcher(text);
        if (unitOnly.matches()) {
            return Optional.of(new Quantity(BigDecimal.ONE, unit(unitOnly.group(1))));
        }
        Matcher m = QUANTITY.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        BigDecimal n = new BigDecimal(m.group(1).replace(',', '.'));
        return Optional.of(new Quantity(n, m.group(2) == null ? null : unit(m.group(2))));
    }

    private static String unit(String u) {
        String s = u.toLowerCase(Locale.ROOT);
        return switch (s.charAt(0)) {
            case 't' -> "TB";
            case 'g' -> "GB";
            case 'm' -> "MB";
            default -> "KB";
        };
    }

    /**
     * Converts to the field's unit. A quantity without unit is in {@code bareUnit} ({@code MB} or {@code GB}; for
     * memory with {@code MB}, numbers below {@value #BARE_MEMORY_GB_BELOW} are read as GB).
     *
     * @return the whole number, or empty when the result is not positive
     */
    public static Optional<Integer> convert(Quantity q, Target target, String bareUnit) {
        BigDecimal n = q.number();
        BigDecimal result;
        switch (target) {
            case CPU_CORES -> result = n;
            case MEMORY_MB -> {
                String unit = q.unit();
                if (unit == null) {
                    unit = "MB".equalsIgnoreCase(bareUnit) && n.compareTo(BigDecimal.valueOf(BARE_MEMORY_GB_BELOW)) < 0
                            ? "GB" : bareUnit.toUpperCase(Locale.ROOT);
                }
                result = n.multiply(BigDecimal.valueOf(factor(unit, "MB")));
            }
            case DISK_GB -> {
                String unit = q.unit() == null ? bareUnit.toUpperCase(Locale.ROOT) : q.unit();
                result = "MB".equals(unit) || "KB".equals(unit)
                        ? n.divide(BigDecimal.valueOf("MB".equals(unit) ? 1024 : 1024 * 1024), 0, RoundingMode.CEILING)
                        : n.multiply(BigDecimal.valueOf(factor(unit, "GB")));
            }
            default -> throw new IllegalArgumentException(target + " is not a size");
        }
        result = result.setScale(0, RoundingMode.HALF_UP);
        if (result.signum() <= 0 || result.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(result.intValue());
    }

    private static long factor(String unit, String base) {
        long mb = switch (unit) {
            case "TB" -> 1024L * 1024;
            case "GB" -> 1024L;
            case "KB" -> 0L;
            default -> 1L;
        };
        if ("KB".equals(unit)) {
            return 0;
        }
        return "GB".equals(base) ? Math.max(1, mb / 1024) : mb;
    }
}
