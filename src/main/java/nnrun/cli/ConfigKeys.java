package nnrun.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

import nnrun.config.ConfigLoader;

/**
 * The config keys shell completion offers after --set ("optimizer.lr=", "train.epochs=", ...):
 * every key of a small config with all defaults filled in, so the list follows the schema. Model
 * blocks differ per config, so only "model" itself is offered for them. Computed only when
 * iterated (Picocli builds one of these for every command line it parses).
 */
final class ConfigKeys implements Iterable<String> {
    private static final String SMALLEST_CONFIG = """
            data: {dataset: spirals}
            model: [{linear: {out: 2}}]
            optimizer: {name: sgd, lr: 0.1}
            train: {epochs: 1}
            """;

    @Override public Iterator<String> iterator() {
        return keys().iterator();
    }

    static List<String> keys() {
        try {
            Path file = Files.createTempFile("nnrun-keys", ".yaml");
            try {
                Files.writeString(file, SMALLEST_CONFIG);
                Map<String, Object> resolved = new Yaml().load(ConfigLoader.load(file).toYaml());
                List<String> keys = new ArrayList<>();
                flatten("", resolved, keys);
                return keys;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, List<String> keys) {
        for (var e : map.entrySet()) {
            String key = prefix + e.getKey();
            keys.add(key + "=");
            if (e.getValue() instanceof Map<?, ?> inner) flatten(key + ".", inner, keys);
        }
    }
}
