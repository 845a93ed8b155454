package io.berth.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the feature descriptors ({@code *.json}) of a distribution, in file-name order. */
public final class Features {

    private final ObjectMapper json = new ObjectMapper();

    public List<Feature> read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no feature descriptors at " + dir + ": build the distribution first (mvn -DskipTests install)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<Feature> features = new ArrayList<>();
        for (Path file : files) {
            features.add(read(file, json));
        }
        return features;
    }

    static Feature read(Path file, ObjectMapper json) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        JsonNode root;
        try {
            root = json.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException("feature " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        List<Feature.Artifact> bundles = new ArrayList<>();
        for (JsonNode bundle : root.path("bundles")) {
            String id = bundle.path("id").asText(null);
            if (id == null) {
                throw new IOException("feature " + file + ": every bundle needs an \"id\" (groupId:artifactId:version)");
            }
            bundles.add(new Feature.Artifact(id, bundle.path("start-level").asInt(3)));
        }
        Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
        root.path("configurations").fields().forEachRemaining(e -> configurations.put(e.getKey(),
                json.convertValue(e.getValue(), json.getTypeFactory().constructMapType(LinkedHashMap.class,
                        String.class, Object.class))));
        return new Feature(name, root.path("description").asText(""), bundles, configurations);
    }
}
