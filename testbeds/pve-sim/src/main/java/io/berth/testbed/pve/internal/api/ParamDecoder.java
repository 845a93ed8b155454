package io.berth.testbed.pve.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.http.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Extracts request parameters as pveproxy does: for POST and PUT the body
 * ({@code application/x-www-form-urlencoded}, or {@code application/json}), then the query
 * string on top. Form decoding is PVE's {@code decode_urlencoded}: pairs split at {@code &} or
 * {@code ;}, key and value split at {@code =} (a second unencoded {@code =} cuts the value),
 * {@code +} is a space, repeated keys are joined with NUL. The cache-buster {@code _dc} is dropped.
 */
public final class ParamDecoder {

    private static final Pattern PAIRS = Pattern.compile("[&;]");

    private final ObjectMapper json;

    public ParamDecoder(ObjectMapper json) {
        this.json = json;
    }

    public Map<String, Object> decode(HttpRequest request) {
        Map<String, Object> params = new LinkedHashMap<>();
        if ((request.method().equals("POST") || request.method().equals("PUT")) && request.body().length > 0) {
            String ct = request.header("content-type");
            if (ct != null && ct.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                params.putAll(decodeJson(request.body()));
            } else {
                params.putAll(decodeUrlencoded(new String(request.body(), StandardCharsets.ISO_8859_1)));
            }
        }
        params.putAll(decodeUrlencoded(request.rawQuery()));
        params.remove("_dc");
        return params;
    }

    /** PVE's {@code decode_urlencoded}. */
    public static Map<String, Object> decodeUrlencoded(String data) {
        Map<String, Object> res = new LinkedHashMap<>();
        if (data == null || data.isEmpty()) {
            return res;
        }
        for (String kv : PAIRS.split(data)) {
            if (kv.isEmpty()) {
                continue;
            }
            String[] parts = kv.split("=", -1);
            String k = unescape(parts[0]);
            String v = parts.length > 1 ? unescape(parts[1]) : "";
            res.merge(k, v, (old, add) -> old + "\0" + add);
        }
        return res;
    }

    private static String unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private Map<String, Object> decodeJson(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw PveError.status(400, "unable to parse JSON body - " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw PveError.status(400, "JSON body must be an object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Object v = toJava(e.getValue());
            if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    /** A JSON value as the plain Java value the validator works on. */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString().length() < 19 ? (Object) node.longValue() : node.decimalValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(toJava(n)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), toJava(e.getValue())));
        return map;
    }
}
