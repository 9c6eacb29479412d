package nnrun.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value and where it came from, before the schema gives it meaning. Overrides replace
 * nodes (keeping the {@code --set} as their location), the schema reads them into records.
 */
sealed interface ConfigNode {
    Location where();

    /** A plain value: String, Long, Double, Boolean, or null for YAML's null / empty. */
    record Scalar(Object value, Location where) implements ConfigNode {}

    /** Keys in file order; each remembers where the key itself was written, for unknown-key errors. */
    record Mapping(Map<String, Field> fields, Location where) implements ConfigNode {
        public Mapping {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        static Mapping empty(Location where) {
            return new Mapping(Map.of(), where);
        }
    }

    record Sequence(List<ConfigNode> items, Location where) implements ConfigNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    record Field(Location keyAt, ConfigNode value) {}

    /** Absent in effect: YAML null, or the word {@code none} that the resolved config writes for "switched off". */
    static boolean isNone(ConfigNode node) {
        return node == null
                || node instanceof Scalar scalar && (scalar.value() == null || "none".equals(scalar.value()));
    }

    /** How a value reads in an error message: {@code "fast"}, {@code 0.1}, {@code a list}. */
    static String describe(ConfigNode node) {
        if (node instanceof Mapping) return "a map";
        if (node instanceof Sequence) return "a list";
        Object value = ((Scalar) node).value();
        if (value == null) return "nothing (null)";
        if (value instanceof String text) return '"' + text + '"';
        return value.toString();
    }

    /** A node for a plain value (String, Number, Boolean, null, lists and maps of them), all at {@code where}. */
    static ConfigNode fromPlain(Object value, Location where) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Field> fields = new LinkedHashMap<>();
            map.forEach((k, v) -> fields.put(String.valueOf(k), new Field(where, fromPlain(v, where))));
            return new Mapping(fields, where);
        }
        if (value instanceof List<?> list) {
            List<ConfigNode> items = new ArrayList<>();
            for (Object item : list) items.add(fromPlain(item, where));
            return new Sequence(items, where);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) return new Scalar(((Number) value).longValue(), where);
        if (value instanceof Float f) return new Scalar(f.doubleValue(), where);
        return new Scalar(value, where);
    }

    /** The value as plain Java maps, lists and scalars, without locations. */
    static Object toPlain(ConfigNode node) {
        if (node instanceof Scalar scalar) return scalar.value();
        if (node instanceof Sequence sequence) {
            List<Object> items = new ArrayList<>();
            for (ConfigNode item : sequence.items()) items.add(toPlain(item));
            return items;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        ((Mapping) node).fields().forEach((key, field) -> map.put(key, toPlain(field.value())));
        return map;
    }
}
