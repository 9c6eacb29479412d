package nnrun.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of one config entry (a model block, the optimizer, a data section) with typed
 * getters that turn every problem into a {@link ConfigException} naming the file, line, key path
 * and a fix. The layer that owns a component reads its options and states the keys it knows:
 *
 * <pre>{@code
 * options.requireOnly(Set.of("out", "bias"));
 * int out = options.getInt("out", Range.atLeast(1));
 * boolean bias = options.getBoolean("bias", true);
 * }</pre>
 *
 * A key set to YAML null counts as not set. Two Options are equal when they hold the same values,
 * wherever those were written.
 */
public final class Options {
    /** The option key a single value stands for: {@code - dropout: 0.5} means {@code - dropout: {value: 0.5}}. */
    public static final String VALUE = "value";

    private final String path;
    private final Map<String, ConfigNode.Field> fields;
    private final Location where;
    private final boolean shorthand;
    private final Set<String> siblingKeys;
    /** Keys a reader has asked for, so {@link #rejectUnread()} can tell typos from options it understood. */
    private final Set<String> asked = new LinkedHashSet<>();

    private Options(String path, Map<String, ConfigNode.Field> fields, Location where, boolean shorthand, Set<String> siblingKeys) {
        this.path = path;
        this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.where = where;
        this.shorthand = shorthand;
        this.siblingKeys = Set.copyOf(siblingKeys);
    }

    /** {@code where} is the key the map was written under (or the document start), where missing keys are reported. */
    static Options of(ConfigNode.Mapping mapping, String path, Location where) {
        return new Options(path, mapping.fields(), where, false, Set.of());
    }

    static Options empty(String path, Location where) {
        return new Options(path, Map.of(), where, false, Set.of());
    }

    /** Options written as one value, so errors point at {@code model.4.dropout} rather than a key nobody wrote. */
    static Options shorthand(ConfigNode value, String path) {
        return new Options(path, Map.of(VALUE, new ConfigNode.Field(value.where(), value)), value.where(), true, Set.of());
    }

    /**
     * Options built in code rather than read from a file (tests, programmatic use); errors point at
     * {@code source}. Plain values are String, whole numbers, Double, Boolean, lists and maps of them.
     */
    public static Options fromPlain(String path, Map<String, ?> values) {
        Location where = new Location("(" + (path.isEmpty() ? "options" : path) + ")", 0, 0);
        Map<String, ConfigNode.Field> fields = new LinkedHashMap<>();
        values.forEach((key, value) -> fields.put(key, new ConfigNode.Field(where, ConfigNode.fromPlain(value, where))));
        return new Options(path, fields, where, false, Set.of());
    }

    /**
     * The shorthand's single value under the option it stands for ({@code - dropout: 0.5} is
     * {@code rate: 0.5}); errors about it still name the block, where the value was written.
     */
    public Options withShorthandFor(String option) {
        if (!shorthand || !fields.containsKey(VALUE)) return this;
        return new Options(path, Map.of(option, fields.get(VALUE)), where, true, siblingKeys);
    }

    /** These options minus a key another layer consumes itself (clip_norm, warmup_epochs); typos of it still get suggested. */
    public Options without(String key) {
        Map<String, ConfigNode.Field> rest = new LinkedHashMap<>(fields);
        rest.remove(key);
        Set<String> siblings = new LinkedHashSet<>(siblingKeys);
        siblings.add(key);
        return new Options(path, rest, where, shorthand, siblings);
    }

    /** These options with {@code key} filled in when it is not set, so the resolved config shows the default. */
    Options withDefault(String key, Object plainValue) {
        if (has(key)) return this;
        Map<String, ConfigNode.Field> filled = new LinkedHashMap<>(fields);
        filled.put(key, new ConfigNode.Field(where, new ConfigNode.Scalar(plainValue, where)));
        return new Options(path, filled, where, shorthand, siblingKeys);
    }

    /** The key path of these options, e.g. {@code model.3.linear}. */
    public String path() { return path; }

    /** Where these options were written (the map, or the single value). */
    public Location where() { return where; }

    /** The keys that are set, in the order they were written. */
    public Set<String> keys() {
        Set<String> set = new LinkedHashSet<>();
        fields.forEach((key, field) -> { if (!isNull(field.value())) set.add(key); });
        return set;
    }

    public boolean isEmpty() { return keys().isEmpty(); }

    public boolean has(String key) {
        asked.add(key);
        ConfigNode.Field field = fields.get(key);
        return field != null && !isNull(field.value());
    }

    /** Rejects any key outside {@code allowed}, suggesting the closest allowed one. */
    public void requireOnly(Set<String> allowed) {
        for (Map.Entry<String, ConfigNode.Field> entry : fields.entrySet()) {
            String key = entry.getKey();
            if (allowed.contains(key)) continue;
            throw unknownKey(entry, allowed);
        }
    }

    /**
     * Rejects any key no getter has asked for, at that key's own line, suggesting the closest key
     * that was asked for: call it after a component has read every option it understands.
     */
    public void rejectUnread() {
        rejectUnread(true);
    }

    /**
     * As {@link #rejectUnread()}, after a reader failed part way: the keys asked for are then only
     * some of the valid ones, and the fix says so ("valid keys here include: out").
     */
    public void rejectUnreadSoFar() {
        rejectUnread(false);
    }

    private void rejectUnread(boolean allAsked) {
        for (Map.Entry<String, ConfigNode.Field> entry : fields.entrySet()) {
            if (!asked.contains(entry.getKey()) && !isNull(entry.getValue().value())) throw unknownKey(entry, asked, allAsked);
        }
    }

    private ConfigException unknownKey(Map.Entry<String, ConfigNode.Field> entry, Set<String> allowed) {
        return unknownKey(entry, allowed, true);
    }

    private ConfigException unknownKey(Map.Entry<String, ConfigNode.Field> entry, Set<String> allowed, boolean allKnown) {
        String key = entry.getKey();
        Location keyAt = entry.getValue().keyAt();
        if (shorthand) {
            return new ConfigException(keyAt, path, "takes no single value",
                    allowed.isEmpty() ? "remove the value" : "write options as a map with keys " + list(allowed));
        }
        Set<String> known = new LinkedHashSet<>(allowed);
        known.addAll(siblingKeys);
        return new ConfigException(keyAt, pathOf(key), "unknown key \"" + key + "\"" + DidYouMean.hint(key, known),
                known.isEmpty() ? "remove it; " + path + " takes no options"
                        : (allKnown ? "valid keys here: " : "valid keys here include: ") + list(known));
    }

    public double getDouble(String key, Range range) {
        return checkedDouble(key, required(key), range);
    }

    public double getDouble(String key, double fallback, Range range) {
        ConfigNode node = present(key);
        return node == null ? fallback : checkedDouble(key, node, range);
    }

    public int getInt(String key, Range range) {
        return checkedInt(key, required(key), range);
    }

    public int getInt(String key, int fallback, Range range) {
        ConfigNode node = present(key);
        return node == null ? fallback : checkedInt(key, node, range);
    }

    public boolean getBoolean(String key, boolean fallback) {
        ConfigNode node = present(key);
        if (node == null) return fallback;
        if (node instanceof ConfigNode.Scalar s && s.value() instanceof Boolean b) return b;
        throw wrongType(key, node, "true or false");
    }

    public String getString(String key) {
        return text(key, required(key));
    }

    public String getString(String key, String fallback) {
        ConfigNode node = present(key);
        return node == null ? fallback : text(key, node);
    }

    /** One of {@code choices}; {@code fallback} null makes the key required. */
    public String getChoice(String key, String fallback, List<String> choices) {
        ConfigNode node = present(key);
        if (node == null && fallback != null) return fallback;
        String value = text(key, node == null ? required(key) : node);
        if (choices.contains(value)) return value;
        throw new ConfigException(node.where(), pathOf(key), "unknown value \"" + value + "\"" + DidYouMean.hint(value, choices),
                "use one of: " + String.join(", ", choices));
    }

    /** {@code kernel: 3} is [3, 3]; {@code kernel: [3, 5]} is [3, 5]; both numbers must be in {@code range}. */
    public IntPair getIntPair(String key, IntPair fallback, Range range) {
        ConfigNode node = present(key);
        return node == null ? fallback : checkedPair(key, node, range);
    }

    public IntPair getIntPair(String key, Range range) {
        return checkedPair(key, required(key), range);
    }

    /** A non-empty list of numbers, each in {@code range}: {@code std: [0.247, 0.243, 0.261]}. */
    public List<Double> getDoubleList(String key, Range range) {
        ConfigNode node = required(key);
        if (!(node instanceof ConfigNode.Sequence sequence) || sequence.items().isEmpty()) {
            throw wrongType(key, node, "a list of numbers");
        }
        List<Double> values = new java.util.ArrayList<>();
        for (ConfigNode item : sequence.items()) values.add(checkedDouble(key, item, range));
        return values;
    }

    /** {@code betas: [0.9, 0.999]}: a list of exactly {@code size} numbers in {@code range}, or the fallback. */
    public List<Double> getDoubleList(String key, List<Double> fallback, int size, Range range) {
        if (present(key) == null) return fallback;
        List<Double> values = getDoubleList(key, range);
        if (values.size() != size) throw error(key, present(key), "needs " + size + " numbers, got " + values.size(),
                "write e.g. " + key + ": " + fallback);
        return values;
    }

    /** {@code milestones: [30, 60]}: a non-empty list of whole numbers, each in {@code range}. */
    public List<Integer> getIntList(String key, Range range) {
        ConfigNode node = required(key);
        if (!(node instanceof ConfigNode.Sequence sequence) || sequence.items().isEmpty()) {
            throw wrongType(key, node, "a list of whole numbers");
        }
        List<Integer> values = new java.util.ArrayList<>();
        for (ConfigNode item : sequence.items()) values.add(checkedInt(key, item, range));
        return values;
    }

    /** Whether the option is set to text, for options that take a number or a word ({@code padding: 1} or {@code same}). */
    public boolean isText(String key) {
        return present(key) instanceof ConfigNode.Scalar s && s.value() instanceof String;
    }

    ConfigNode node(String key) {
        asked.add(key);
        return present(key);
    }

    /** The map under {@code key}; not set gives empty options, so required keys inside report as missing. */
    Options section(String key) {
        asked.add(key);
        ConfigNode.Field field = fields.get(key);
        ConfigNode node = present(key);
        // Located at the section's key, so "required, but not set" points at the section it is missing from.
        Location sectionAt = field == null ? where : field.keyAt();
        if (node == null) return empty(pathOf(key), sectionAt);
        if (node instanceof ConfigNode.Mapping mapping) return of(mapping, pathOf(key), sectionAt);
        throw wrongType(key, node, "a map of settings");
    }

    String pathOf(String key) {
        if (shorthand && fields.containsKey(key)) return path;
        return path.isEmpty() ? key : path + "." + key;
    }

    ConfigException error(String key, ConfigNode node, String problem, String fix) {
        return new ConfigException(node == null ? where : node.where(), pathOf(key), problem, fix);
    }

    /**
     * A problem with {@code key} found by the layer that owns these options, at the key's value
     * when it is set, else where the options were written.
     */
    public ConfigException errorAt(String key, String problem, String fix) {
        return error(key, present(key), problem, fix);
    }

    /** A problem with these options as a whole (e.g. an impossible block), at where they were written. */
    public ConfigException error(String problem, String fix) {
        return new ConfigException(where, path, problem, fix);
    }

    /** The values as plain maps, lists and scalars (String, Long, Double, Boolean), for layers that read options as a map. */
    public Map<String, Object> toPlain() {
        Map<String, Object> plain = new LinkedHashMap<>();
        fields.forEach((key, field) -> { if (!isNull(field.value())) plain.put(key, ConfigNode.toPlain(field.value())); });
        return plain;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Options that && toPlain().equals(that.toPlain());
    }

    @Override
    public int hashCode() {
        return toPlain().hashCode();
    }

    @Override
    public String toString() {
        return path + " " + toPlain();
    }

    private ConfigNode present(String key) {
        asked.add(key);
        ConfigNode.Field field = fields.get(key);
        return field == null || isNull(field.value()) ? null : field.value();
    }

    private ConfigNode required(String key) {
        ConfigNode node = present(key);
        if (node != null) return node;
        throw new ConfigException(where, pathOf(key), "required, but not set",
                path.isEmpty() ? "add " + key + ": at the top level" : "add " + key + " under " + path);
    }

    private double checkedDouble(String key, ConfigNode node, Range range) {
        if (!(node instanceof ConfigNode.Scalar s && s.value() instanceof Number number)) throw wrongType(key, node, "a number");
        double value = number.doubleValue();
        if (!Double.isFinite(value)) throw error(key, node, "must be a finite number, got " + describe(node), range.fixOrDefault());
        checkRange(key, node, value, range);
        return value;
    }

    private int checkedInt(String key, ConfigNode node, Range range) {
        if (!(node instanceof ConfigNode.Scalar s && s.value() instanceof Long whole)) throw wrongType(key, node, "a whole number");
        if (whole < Integer.MIN_VALUE || whole > Integer.MAX_VALUE) {
            throw error(key, node, "must fit in 32 bits, got " + whole, range.ofInts().fixOrDefault());
        }
        checkRange(key, node, whole, range);
        return whole.intValue();
    }

    private IntPair checkedPair(String key, ConfigNode node, Range range) {
        if (node instanceof ConfigNode.Sequence pair && pair.items().size() == 2) {
            return new IntPair(checkedInt(key, pair.items().get(0), range), checkedInt(key, pair.items().get(1), range));
        }
        if (node instanceof ConfigNode.Scalar s && s.value() instanceof Long) return IntPair.square(checkedInt(key, node, range));
        throw wrongType(key, node, "a whole number or a pair [a, b]");
    }

    private void checkRange(String key, ConfigNode node, double value, Range range) {
        if (!range.contains(value)) {
            throw error(key, node, "must be " + range.requirement() + ", got " + describe(node), range.fixOrDefault());
        }
    }

    private String text(String key, ConfigNode node) {
        if (node instanceof ConfigNode.Scalar s && s.value() instanceof String text) return text;
        String fix = node instanceof ConfigNode.Scalar ? "quote it: " + key + ": \"" + ((ConfigNode.Scalar) node).value() + "\"" : null;
        throw error(key, node, "expected text, got " + describe(node), fix);
    }

    private ConfigException wrongType(String key, ConfigNode node, String expected) {
        return error(key, node, "expected " + expected + ", got " + describe(node), "write " + expected + " for " + key);
    }

    private static String describe(ConfigNode node) {
        return ConfigNode.describe(node);
    }

    private static boolean isNull(ConfigNode node) {
        return node instanceof ConfigNode.Scalar s && s.value() == null;
    }

    private static String list(Set<String> keys) {
        return String.join(", ", new TreeSet<>(keys));
    }
}
