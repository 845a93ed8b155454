package io.berth.migrator.whmcs.internal;

import io.berth.migrator.whmcs.internal.Catalogue.FieldDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a WHMCS client and its owner login into a Berth user: e-mail (lower-cased), name and password hash of the
 * login (of the client when it has no WHMCS 8 login); Closed clients become disabled users; company name and
 * client custom fields are kept as attributes (password-type fields are not migrated).
 */
public final class UserMapper {

    /** The user, or the reason it cannot be imported, and what the report should say. */
    public record MappedUser(UserRecord user, String skipReason, List<String> notes, List<String> unmapped) {
    }

    private final Catalogue catalogue;
    private final MappingFile mapping;

    public UserMapper(Catalogue catalogue, MappingFile mapping) {
        this.catalogue = catalogue;
        this.mapping = mapping;
    }

    public MappedUser map(WhmcsClient c) {
        List<String> notes = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        boolean login = c.loginId() != null;
        String email = (login ? c.loginEmail() : c.email());
        email = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty() || email.indexOf('@') < 1 || email.length() > 320) {
            return new MappedUser(null, "no usable e-mail address", notes, unmapped);
        }
        if (!login) {
            notes.add("no WHMCS 8 login: e-mail and password of the client record");
        }
        String name = login ? join(c.loginFirstName(), c.loginLastName()) : join(c.firstName(), c.lastName());
        PasswordHash password = PasswordHash.of(login ? c.loginPassword() : c.legacyPassword());
        switch (password.format()) {
            case "md5-salt" -> notes.add("legacy md5:salt password hash: password reset required");
            case "none" -> notes.add("no password: password reset required");
            case "unknown" -> notes.add("password hash format not recognised: not migrated, password reset required");
            default -> {
                // bcrypt: carried as is
            }
        }
        if (c.secondFactor()) {
            notes.add("two-factor authentication is not migrated");
        }
        Map<String, String> attributes = new TreeMap<>();
        if (c.company() != null && !c.company().isBlank()) {
            attributes.put("company", c.company().strip());
        }
        for (Map.Entry<Integer, String> e : c.customValues().entrySet()) {
            FieldDef f = catalogue.fields().get(e.getKey());
            if (f == null || !"client".equalsIgnoreCase(f.type())) {
                continue;
            }
            if (f.secret()) {
                notes.add("client custom field '" + f.name().value() + "' is a password field: not migrated");
                continue;
            }
            String v = e.getValue() == null ? "" : e.getValue().strip();
            if (!v.isEmpty() && mapping.target(f.name()) != Target.IGNORE) {
                attributes.put(f.name().value(), v);
                unmapped.add("client custom field '" + f.name().value() + "'");
            }
        }
        boolean disabled = "Closed".equalsIgnoreCase(c.status());
        if (disabled) {
            notes.add("client is Closed in WHMCS: user disabled");
        }
        UserRecord user = new UserRecord(email, name == null ? null : ServerMapper.cut(name, 200), password, disabled,
                Attributes.json(attributes), WhmcsDates.parse(c.created()));
        return new MappedUser(user, null, notes, unmapped);
    }

    private static String join(String first, String last) {
        String n = ((first == null ? "" : first.strip()) + " " + (last == null ? "" : last.strip())).strip();
        return n.isEmpty() ? null : n;
    }
}
