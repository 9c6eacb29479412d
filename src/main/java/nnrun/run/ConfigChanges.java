package nnrun.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import nnrun.config.ConfigLoader;

/**
 * The keys in which two resolved configs differ, as dotted paths with both values
 * ({@code optimizer.lr: 0.05 → 0.1}): what resume names when config.yaml was edited after the
 * checkpoint, since continuing under another config would silently break "bit for bit".
 */
final class ConfigChanges {
    private ConfigChanges() {}

    static List<String> between(String savedYaml, String currentYaml) {
        List<String> changes = new ArrayList<>();
        diff("", ConfigLoader.plain(savedYaml), ConfigLoader.plain(currentYaml), changes);
        return changes;
    }

    private static void diff(String path, Object a, Object b, List<String> out) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Set<Object> keys = new LinkedHashSet<>(ma.keySet());
            keys.addAll(mb.keySet());
            for (Object k : keys) diff(path.isEmpty() ? k.toString() : path + "." + k, ma.get(k), mb.get(k), out);
        } else if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
            for (int i = 0; i < la.size(); i++) diff(path + "." + i, la.get(i), lb.get(i), out);
        } else if (!Objects.equals(a, b)) {
            out.add(path + ": " + a + " → " + b);
        }
    }
}
