package io.berth.testbed.pve.internal.schema;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of a PVE JSON schema (the dialect of {@code PVE::JSONSchema}, also used by
 * {@code apidoc.json}): a parameter, a return value, a property of an object or a key of a
 * property string. Immutable; built with {@link #builder(String)}.
 *
 * <p>Object keys written {@code net[n]} in the API documentation stand for {@code net0},
 * {@code net1}, …; {@link #property(String)} resolves such indexed keys.
 */
public final class Schema {

    private static final Pattern TRAILING_INDEX = Pattern.compile("^(.*?)(\\d+)$");

    private final String type;
    private final boolean optional;
    private final List<String> enumValues;
    private final BigDecimal minimum;
    private final BigDecimal maximum;
    private final Integer minLength;
    private final Integer maxLength;
    private final String pattern;
    private final String formatName;
    private final Map<String, Schema> formatProperties;
    private final Map<String, Schema> properties;
    private final Boolean additionalProperties;
    private final Schema items;
    private final boolean defaultKey;
    private final String alias;
    private final String keyAlias;
    private final Integer indexMax;

    private Schema(Builder b) {
        this.type = b.type;
        this.optional = b.optional;
        this.enumValues = b.enumValues == null ? null : List.copyOf(b.enumValues);
        this.minimum = b.minimum;
        this.maximum = b.maximum;
        this.minLength = b.minLength;
        this.maxLength = b.maxLength;
        this.pattern = b.pattern;
        this.formatName = b.formatName;
        this.formatProperties = b.formatProperties == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.formatProperties));
        this.properties = b.properties == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.additionalProperties = b.additionalProperties;
        this.items = b.items;
        this.defaultKey = b.defaultKey;
        this.alias = b.alias;
        this.keyAlias = b.keyAlias;
        this.indexMax = b.indexMax;
    }

    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** The JSON-schema type ({@code string}, {@code integer}, …), or null for "any". */
    public String type() { return type; }
    public boolean optional() { return optional; }
    public List<String> enumValues() { return enumValues; }
    public BigDecimal minimum() { return minimum; }
    public BigDecimal maximum() { return maximum; }
    public Integer minLength() { return minLength; }
    public Integer maxLength() { return maxLength; }
    /** A Perl regular expression the whole value must match, or null. */
    public String pattern() { return pattern; }
    /** A named format such as {@code pve-vmid} or {@code pve-tag-list}, or null. */
    public String formatName() { return formatName; }
    /** The keys of a property-string format ({@code key=value,…}), or null. */
    public Map<String, Schema> formatProperties() { return formatProperties; }
    public Map<String, Schema> properties() { return properties; }
    /** {@code FALSE} refuses unknown properties; null means "not said" (PVE allows them). */
    public Boolean additionalProperties() { return additionalProperties; }
    public Schema items() { return items; }
    public boolean defaultKey() { return defaultKey; }
    public String alias() { return alias; }
    public String keyAlias() { return keyAlias; }
    /** For an indexed key ({@code net[n]}): the highest index allowed, or null for no limit. */
    public Integer indexMax() { return indexMax; }

    /**
     * The schema of an object property: an exact key first, then an indexed key
     * ({@code scsi7} matches {@code scsi[n]} when 7 is within its range).
     */
    public Optional<Schema> property(String key) {
        if (properties == null) {
            return Optional.empty();
        }
        Schema exact = properties.get(key);
        if (exact != null && !isIndexedKey(key)) {
            return Optional.of(exact);
        }
        Matcher m = TRAILING_INDEX.matcher(key);
        if (!m.matches() || m.group(1).isEmpty()) {
            return Optional.empty();
        }
        Schema indexed = properties.get(m.group(1) + "[n]");
        if (indexed == null) {
            return Optional.empty();
        }
        String digits = m.group(2);
        if (digits.length() > 1 && digits.startsWith("0")) {
            return Optional.empty();
        }
        if (indexed.indexMax != null && (digits.length() > 4 || Integer.parseInt(digits) > indexed.indexMax)) {
            return Optional.empty();
        }
        return Optional.of(indexed);
    }

    /** Whether the key is written {@code name[n]} (what {@code ^(.+)\\[n]$} matches, without a regex per call). */
    public static boolean isIndexedKey(String key) {
        return key.length() > 3 && key.endsWith("[n]");
    }

    /** A builder; every setter returns the builder. */
    public static final class Builder {
        private String type;
        private boolean optional;
        private List<String> enumValues;
        private BigDecimal minimum;
        private BigDecimal maximum;
        private Integer minLength;
        private Integer maxLength;
        private String pattern;
        private String formatName;
        private Map<String, Schema> formatProperties;
        private Map<String, Schema> properties;
        private Boolean additionalProperties;
        private Schema items;
        private boolean defaultKey;
        private String alias;
        private String keyAlias;
        private Integer indexMax;

        private Builder(String type) {
            this.type = type;
        }

        public Builder optional(boolean value) { this.optional = value; return this; }
        public Builder optional() { return optional(true); }
        public Builder enumValues(List<String> values) { this.enumValues = values; return this; }
        public Builder enumValues(String... values) { return enumValues(List.of(values)); }
        public Builder minimum(BigDecimal value) { this.minimum = value; return this; }
        public Builder minimum(long value) { return minimum(BigDecimal.valueOf(value)); }
        public Builder maximum(BigDecimal value) { this.maximum = value; return this; }
        public Builder maximum(long value) { return maximum(BigDecimal.valueOf(value)); }
        public Builder minLength(Integer value) { this.minLength = value; return this; }
        public Builder maxLength(Integer value) { this.maxLength = value; return this; }
        public Builder pattern(String value) { this.pattern = value; return this; }
        public Builder format(String name) { this.formatName = name; return this; }
        public Builder format(Map<String, Schema> keys) { this.formatProperties = keys; return this; }
        public Builder properties(Map<String, Schema> value) { this.properties = value; return this; }
        public Builder additionalProperties(Boolean value) { this.additionalProperties = value; return this; }
        public Builder items(Schema value) { this.items = value; return this; }
        public Builder defaultKey(boolean value) { this.defaultKey = value; return this; }
        public Builder alias(String value) { this.alias = value; return this; }
        public Builder keyAlias(String value) { this.keyAlias = value; return this; }
        public Builder indexMax(Integer value) { this.indexMax = value; return this; }

        public Schema build() {
            return new Schema(this);
        }
    }
}
