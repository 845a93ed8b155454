package io.berth.testbed.pve.internal.schema;

import java.util.Map;

/** A value that does not satisfy a named or property-string format, with PVE's message. */
public final class FormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> errors;

    public FormatException(String message) {
        this(message, Map.of());
    }

    public FormatException(String message, Map<String, String> errors) {
        super(message, null, false, false);
        this.errors = Map.copyOf(errors);
    }

    /** Per-key errors of a property string ({@code ipconfig0.ip → …}); empty for simple formats. */
    public Map<String, String> errors() {
        return errors;
    }

    /** The text {@code PVE::Exception} stringifies to: the message, then one line per key error. */
    public String pveText() {
        StringBuilder sb = new StringBuilder(getMessage()).append('\n');
        errors.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }
}
