package io.berth.testbed.pve.internal.endpoints;

import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.api.Params;
import io.berth.testbed.pve.internal.qemu.ConfigOptions;
import io.berth.testbed.pve.internal.qemu.NetDevice;
import io.berth.testbed.pve.internal.schema.Formats;
import io.berth.testbed.pve.internal.schema.SchemaValidator;
import io.berth.testbed.pve.internal.vm.MacAddresses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The change a POST/PUT config request asks for, checked the way {@code $update_vm_api} does
 * before taking the lock: SSH keys URL-decoded and validated, {@code delete}/{@code revert}
 * lists checked against the known options, network devices given a MAC, the cloud-init
 * password hashed, tags de-duplicated.
 *
 * @param values   options to set
 * @param deletes  options to delete
 * @param reverts  pending changes to revert
 * @param digest   the expected config digest, or null
 * @param skiplock whether to ignore the config lock
 * @param force    whether deleted disks are removed rather than kept as {@code unusedN}
 */
record ConfigChange(Map<String, String> values, List<String> deletes, Set<String> reverts, String digest,
                    boolean skiplock, boolean force) {

    private static final Set<String> CONTROL = Set.of("node", "vmid", "digest", "background_delay", "skiplock",
            "delete", "revert", "force");
    private static final Pattern SSH_KEY = Pattern.compile(
            "^(?:(?:[a-z0-9-]+=\\S+|[a-z0-9-]+)(?:,\\S+)*\\s+)?"
                    + "(ssh-rsa|ssh-dss|ssh-ed25519|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\\.com"
                    + "|sk-ecdsa-sha2-nistp256@openssh\\.com)\\s+([A-Za-z0-9+/]+={0,3})(\\s.*)?$");

    static ConfigChange parse(Params p, ConfigOptions options, MacAddresses macs, Random random) {
        Map<String, String> values = new LinkedHashMap<>();
        p.asMap().forEach((k, v) -> {
            if (!CONTROL.contains(k)) {
                values.put(k, SchemaValidator.perlString(v));
            }
        });
        if (values.containsKey("sshkeys")) {
            validateSshKeys(uriUnescape(values.get("sshkeys")));
        }
        String deleteText = p.string("delete").orElse("");
        String revertText = p.string("revert").orElse("");
        if (deleteText.isEmpty() && revertText.isEmpty() && values.isEmpty()) {
            throw PveError.of("no options specified");
        }
        Set<String> reverts = new LinkedHashSet<>();
        for (String opt : Formats.splitList(revertText)) {
            if (!options.exists(opt)) {
                throw PveError.param("revert", "unknown option '" + opt + "'");
            }
            if (values.containsKey(opt)) {
                throw PveError.param("delete", "you can't use '-" + opt + "' and -revert " + opt + "' at the same time");
            }
            reverts.add(opt);
        }
        List<String> deletes = new ArrayList<>();
        for (String raw : Formats.splitList(deleteText)) {
            String opt = raw.equals("cdrom") ? "ide2" : raw;
            if (values.containsKey(opt)) {
                throw PveError.param("delete", "you can't use '-" + opt + "' and -delete " + opt + "' at the same time");
            }
            if (reverts.contains(opt)) {
                throw PveError.param("revert", "you can't use '-delete " + opt + "' and -revert " + opt + "' at the same time");
            }
            if (!options.exists(opt)) {
                throw PveError.param("delete", "unknown option '" + opt + "'");
            }
            deletes.add(opt);
        }
        values.replaceAll((k, v) -> normalise(k, v, macs, random));
        return new ConfigChange(values, deletes, reverts, p.string("digest").orElse(null),
                p.bool("skiplock", false), p.bool("force", false));
    }

    /** The request as the task log prints it ({@code update VM 105: -cores 2 -memory 2048}). */
    String logLine(int vmid, Params p) {
        StringBuilder sb = new StringBuilder("update VM ").append(vmid).append(':');
        new java.util.TreeMap<>(p.asMap()).forEach((k, v) -> {
            if (!k.equals("node") && !k.equals("vmid") && !k.equals("background_delay") && !k.equals("digest")) {
                sb.append(" -").append(k).append(' ').append(k.equals("cipassword") ? "<hidden>" : SchemaValidator.perlString(v));
            }
        });
        return sb.toString();
    }

    private static String normalise(String key, String value, MacAddresses macs, Random random) {
        if (key.matches("net\\d+")) {
            return NetDevice.ensureMac(value, macs);
        }
        if (key.equals("tags")) {
            Map<String, String> unique = new LinkedHashMap<>();
            for (String tag : Formats.splitList(value)) {
                unique.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
            }
            return String.join(";", unique.values());
        }
        if (key.equals("cipassword") && !value.matches("^\\$(?:[156]|2[ay])(\\$.+){2}")) {
            return sha256Crypt(value, random);
        }
        return value;
    }

    /** {@code URI::Escape::uri_unescape}: only %XX, no '+'. */
    static String uriUnescape(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@code PVE::Tools::validate_ssh_public_keys}: every non-empty line must be a public key. */
    private static void validateSshKeys(String keys) {
        for (String line : keys.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            var m = SSH_KEY.matcher(line.trim());
            boolean ok = m.matches();
            if (ok) {
                try {
                    byte[] blob = Base64.getDecoder().decode(m.group(2));
                    int len = blob.length >= 4 ? ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff) : -1;
                    ok = len > 0 && 4 + len <= blob.length
                            && new String(blob, 4, len, StandardCharsets.US_ASCII).equals(m.group(1));
                } catch (IllegalArgumentException e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw PveError.of("SSH public key validation error");
            }
        }
    }

    /** A {@code $5$salt$hash} string standing in for PVE's {@code encrypt_pw} (crypt SHA-256). */
    private static String sha256Crypt(String password, Random random) {
        String alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder salt = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            salt.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((salt + password).getBytes(StandardCharsets.UTF_8));
            return "$5$" + salt + "$" + Base64.getEncoder().withoutPadding().encodeToString(hash).replace('+', '.');
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
