package nnrun.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code --set key.path=value} from the command line. The path walks the YAML as written:
 * map keys by name, list entries by 0-based index ({@code model.3.linear.out=256}). The value is
 * read as YAML, so {@code 0.1} is a number, {@code true} a boolean and {@code [3, 5]} a list. Maps
 * missing along the path are created; whether the new key is allowed is the schema's call.
 */
record SetOverride(String raw, List<String> path, ConfigNode value) {

    static SetOverride parse(String raw) {
        Location where = Location.override(raw);
        int equals = raw.indexOf('=');
        String key = equals < 0 ? "" : raw.substring(0, equals).strip();
        List<String> path = List.of(key.split("\\.", -1));
        if (key.isEmpty() || path.contains("")) {
            throw new ConfigException(where, "", "malformed override, expected key.path=value",
                    "write e.g. --set optimizer.lr=0.05 or --set model.0.linear.out=256");
        }
        ConfigNode value = YamlTree.parse(raw.substring(equals + 1), mark -> where, where);
        return new SetOverride(raw, path, value);
    }

    /** An empty file counts as an empty map, so a config can be given entirely by overrides. */
    ConfigNode applyTo(ConfigNode root) {
        return setBelow(ConfigNode.isNone(root) ? ConfigNode.Mapping.empty(root.where()) : root, 0);
    }

    private ConfigNode setBelow(ConfigNode node, int depth) {
        String segment = path.get(depth);
        String here = String.join(".", path.subList(0, depth + 1));
        boolean last = depth == path.size() - 1;
        if (node instanceof ConfigNode.Mapping mapping) {
            ConfigNode.Field existing = mapping.fields().get(segment);
            ConfigNode child = last ? value : setBelow(openable(existing), depth + 1);
            Map<String, ConfigNode.Field> fields = new LinkedHashMap<>(mapping.fields());
            fields.put(segment, new ConfigNode.Field(existing != null ? existing.keyAt() : where(), child));
            return new ConfigNode.Mapping(fields, mapping.where());
        }
        String parent = depth == 0 ? "the config" : String.join(".", path.subList(0, depth));
        if (node instanceof ConfigNode.Sequence sequence) {
            int size = sequence.items().size();
            int index = parseIndex(segment);
            if (index < 0 || index >= size) {
                throw new ConfigException(where(), here, "no such entry: " + parent + " is a list of " + size + " entries",
                        "use an index from 0 to " + (size - 1));
            }
            List<ConfigNode> items = new ArrayList<>(sequence.items());
            items.set(index, last ? value : setBelow(items.get(index), depth + 1));
            return new ConfigNode.Sequence(items, sequence.where());
        }
        throw new ConfigException(where(), here, parent + " is " + ConfigNode.describe(node) + ", which has no key \"" + segment + "\"",
                "set the whole value instead, e.g. --set " + parent + "={name: ..., " + segment + ": ...}");
    }

    /** A missing, null or {@code none} entry on the way down becomes an empty map to fill in. */
    private ConfigNode openable(ConfigNode.Field existing) {
        if (existing == null || ConfigNode.isNone(existing.value())) return ConfigNode.Mapping.empty(where());
        return existing.value();
    }

    private static int parseIndex(String segment) {
        return segment.matches("[0-9]{1,9}") ? Integer.parseInt(segment) : -1;
    }

    private Location where() {
        return Location.override(raw);
    }
}
