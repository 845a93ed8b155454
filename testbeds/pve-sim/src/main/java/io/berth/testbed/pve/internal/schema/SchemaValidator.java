package io.berth.testbed.pve.internal.schema;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates values against a {@link Schema} with the semantics and error texts of
 * {@code PVE::JSONSchema::check_prop}: parameters arrive as strings (form encoded) or JSON
 * values; booleans must be {@code 0}/{@code 1} (or JSON booleans); numbers are checked as text;
 * errors are collected per path ({@code vmid}, {@code ipconfig0}, {@code [3].status}).
 * Thread-safe.
 */
public final class SchemaValidator {

    private static final Pattern INTEGER = Pattern.compile("^[+-]?\\d+$");
    private static final Pattern NUMBER = Pattern.compile("^[+-]?(\\d+\\.\\d+|\\d+\\.|\\.\\d+|\\d+)([eE][+-]?\\d+)?$");

    private final Formats formats;
    private final PerlRegex regex = new PerlRegex();

    public SchemaValidator(Formats formats) {
        this.formats = formats;
    }

    /**
     * Validates a request's parameters (an object) against a method's parameter schema.
     * @return the errors by parameter name, empty when valid
     */
    public Map<String, String> validateParams(Schema parameters, Map<String, Object> params) {
        Map<String, String> errors = new LinkedHashMap<>();
        checkObject("", parameters, params, parameters.additionalProperties(), errors);
        return errors;
    }

    /** Validates any value (e.g. a {@code data} answer) against a schema. */
    public Map<String, String> validate(Schema schema, Object value) {
        Map<String, String> errors = new LinkedHashMap<>();
        checkProp(value, schema, "", errors);
        return errors;
    }

    private void checkProp(Object value, Schema schema, String path, Map<String, String> errors) {
        if (value == null) {
            if ("null".equals(schema.type())) {
                return;
            }
            if (!schema.optional() && schema.alias() == null) {
                addError(errors, path, "property is missing and it is not optional");
            }
            return;
        }
        if (!checkType(path, schema.type(), value, errors)) {
            return;
        }
        if (value instanceof List<?> list) {
            if (schema.items() != null) {
                for (int i = 0; i < list.size(); i++) {
                    checkProp(list.get(i), schema.items(), path + "[" + i + "]", errors);
                }
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            if (schema.properties() != null || Boolean.TRUE.equals(schema.additionalProperties())) {
                checkObject(path, schema, map, schema.additionalProperties(), errors);
            }
            return;
        }
        String text = perlString(value);
        if (schema.formatProperties() != null || schema.formatName() != null) {
            try {
                checkFormat(schema, text, path);
            } catch (FormatException e) {
                addError(errors, path, "invalid format - " + e.pveText());
                return;
            }
        }
        if (schema.pattern() != null) {
            Pattern p = regex.anchored(schema.pattern());
            if (p != null && !p.matcher(text).matches()) {
                addError(errors, path, "value does not match the regex pattern");
                return;
            }
        }
        if (schema.maxLength() != null && text.codePointCount(0, text.length()) > schema.maxLength()) {
            addError(errors, path, "value may only be " + schema.maxLength() + " characters long");
            return;
        }
        if (schema.minLength() != null && text.codePointCount(0, text.length()) < schema.minLength()) {
            addError(errors, path, "value must be at least " + schema.minLength() + " characters long");
            return;
        }
        if (NUMBER.matcher(text).matches()) {
            BigDecimal n = new BigDecimal(text.startsWith("+") ? text.substring(1) : text.endsWith(".") ? text + "0" : text);
            if (schema.maximum() != null && n.compareTo(schema.maximum()) > 0) {
                addError(errors, path, "value must have a maximum value of " + plain(schema.maximum()));
                return;
            }
            if (schema.minimum() != null && n.compareTo(schema.minimum()) < 0) {
                addError(errors, path, "value must have a minimum value of " + plain(schema.minimum()));
                return;
            }
        }
        if (schema.enumValues() != null && !schema.enumValues().contains(text)) {
            addError(errors, path, "value '" + text + "' does not have a value in the enumeration '"
                    + String.join(", ", schema.enumValues()) + "'");
        }
    }

    private void checkFormat(Schema schema, String text, String path) throws FormatException {
        Map<String, Schema> keys = schema.formatProperties();
        if (keys == null) {
            keys = formats.hashFormat(schema.formatName());
        }
        if (keys == null) {
            formats.check(schema.formatName(), text);
            return;
        }
        Map<String, String> parsed = PropertyStrings.parse(keys, text);
        Map<String, String> errors = new LinkedHashMap<>();
        Schema object = Schema.builder("object").properties(keys).additionalProperties(false).build();
        checkObject(path, object, parsed, Boolean.FALSE, errors);
        if (!errors.isEmpty()) {
            throw new FormatException("format error", errors);
        }
    }

    private void checkObject(String path, Schema schema, Map<?, ?> value, Boolean additional, Map<String, String> errors) {
        Map<String, Schema> props = schema.properties() == null ? Map.of() : schema.properties();
        for (Map.Entry<String, Schema> e : props.entrySet()) {
            if (Schema.isIndexedKey(e.getKey())) {
                continue; // indexed keys are optional families; present ones are checked below
            }
            checkProp(value.get(e.getKey()), e.getValue(), join(path, e.getKey()), errors);
        }
        for (Map.Entry<?, ?> e : value.entrySet()) {
            String key = String.valueOf(e.getKey());
            Schema exact = props.get(key);
            if (exact != null && !Schema.isIndexedKey(key)) {
                continue; // checked above
            }
            var indexed = schema.property(key);
            if (indexed.isPresent()) {
                checkProp(e.getValue(), indexed.get(), join(path, key), errors);
                continue;
            }
            if (Boolean.FALSE.equals(additional)) {
                addError(errors, join(path, key),
                        "property is not defined in schema and the schema does not allow additional properties");
            }
        }
    }

    private boolean checkType(String path, String type, Object value, Map<String, String> errors) {
        if (type == null || type.equals("any")) {
            return true;
        }
        switch (type) {
            case "null" -> {
                addError(errors, path, "type check ('null') failed - value is not null");
                return false;
            }
            case "array" -> {
                if (!(value instanceof List)) {
                    addError(errors, path, "type check ('array') failed");
                    return false;
                }
                return true;
            }
            case "object" -> {
                if (!(value instanceof Map)) {
                    addError(errors, path, "type check ('object') failed");
                    return false;
                }
                return true;
            }
            default -> {
                // scalar types below
            }
        }
        if (value instanceof Map || value instanceof List) {
            addError(errors, path, "type check ('" + type + "') failed - got " + (value instanceof Map ? "HASH" : "ARRAY"));
            return false;
        }
        if (value instanceof Boolean) {
            if (type.equals("boolean")) {
                return true;
            }
            addError(errors, path, "type check ('" + type + "') failed - got JSON::PP::Boolean");
            return false;
        }
        String text = perlString(value);
        boolean ok = switch (type) {
            case "boolean" -> text.equals("1") || text.equals("0");
            case "integer" -> INTEGER.matcher(text).matches();
            case "number" -> NUMBER.matcher(text).matches();
            default -> true;
        };
        if (!ok) {
            addError(errors, path, "type check ('" + type + "') failed - got '" + text + "'");
        }
        return ok;
    }

    /** How Perl prints a scalar: integral numbers without a fraction, strings unchanged. */
    public static String perlString(Object value) {
        if (value instanceof BigDecimal bd) {
            return plain(bd);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return String.valueOf(value);
    }

    private static String plain(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static void addError(Map<String, String> errors, String path, String message) {
        String key = path.isEmpty() ? "_root" : path;
        errors.merge(key, message, (a, b) -> a + "\\n" + b);
    }
}
