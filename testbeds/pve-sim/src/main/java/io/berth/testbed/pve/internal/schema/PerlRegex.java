package io.berth.testbed.pve.internal.schema;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the Perl regular expressions found in PVE schemas for Java, anchored the way
 * {@code PVE::JSONSchema} uses them ({@code m/^$pattern$/}). Perl's {@code (?^:…)} and
 * {@code (?^i:…)} groups become {@code (?:…)} and {@code (?i:…)}. Compiled patterns are cached
 * per instance.
 */
public final class PerlRegex {

    private final Map<String, Pattern> cache = new ConcurrentHashMap<>();

    /** The anchored Java pattern, or null when the expression cannot be translated. */
    public Pattern anchored(String perl) {
        Pattern p = cache.computeIfAbsent(perl, PerlRegex::compileOrNull);
        return p == NEVER ? null : p;
    }

    private static final Pattern NEVER = Pattern.compile("(?!)");

    private static Pattern compileOrNull(String perl) {
        String java = perl.replace("(?^:", "(?:").replace("(?^i:", "(?i:");
        try {
            return Pattern.compile("^(?:" + java + ")$");
        } catch (PatternSyntaxException e) {
            return NEVER;
        }
    }
}
