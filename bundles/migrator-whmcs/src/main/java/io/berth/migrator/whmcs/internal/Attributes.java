package io.berth.migrator.whmcs.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/** The JSON object of strings kept in {@code servers.attributes} and {@code users.attributes}, keys sorted. */
public final class Attributes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Attributes() {
    }

    public static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
