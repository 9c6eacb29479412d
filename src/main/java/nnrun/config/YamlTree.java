package nnrun.config;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML text into {@link ConfigNode}s and writes plain values back as YAML.
 *
 * <p>Safe by construction: SnakeYAML only composes a node tree (it never instantiates a class),
 * and every tag other than str, int, float, bool, null, map and seq is rejected. Scalars resolve
 * by YAML 1.2's core schema: {@code yes} and {@code on} stay strings and {@code 010} is ten, instead
 * of YAML 1.1's surprising booleans and octals.
 */
final class YamlTree {
    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);

    /*
     * Configs are a few KiB, so these bounds cost nothing and make hostile or broken input fail in
     * milliseconds. SnakeYAML limits the number of collection aliases, but 24 nested levels of two
     * aliases each stay under its limit and still expand to 2^24 values, so conversion counts them too.
     */
    static final int MAX_COLLECTION_ALIASES = 50;
    static final int MAX_NESTING_DEPTH = 50;
    static final int MAX_VALUES_FROM_ALIASES = 10_000;

    private final Function<Mark, Location> locate;
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> converted = Collections.newSetFromMap(new IdentityHashMap<>());
    private int valuesFromAliases;

    private YamlTree(Function<Mark, Location> locate) {
        this.locate = locate;
    }

    /**
     * Parses one YAML document. {@code locate} turns SnakeYAML's 0-based marks into locations;
     * an empty document is a null at {@code empty}, which is also where unpositioned problems are reported.
     */
    static ConfigNode parse(String text, Function<Mark, Location> locate, Location empty) {
        Node root;
        try {
            root = yaml(new CoreSchemaResolver()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location where = mark != null ? locate.apply(mark) : empty;
            throw new ConfigException(where, "", "malformed YAML: " + describe(e),
                    "check the indentation and that every entry is \"key: value\" or \"- item\"");
        } catch (YAMLException e) {
            // Unpositioned errors from composing are SnakeYAML's size limits (aliases, nesting, length).
            throw new ConfigException(empty, "", "the YAML exceeds a limit: " + e.getMessage(),
                    "write the values out instead of nesting *aliases or collections this deeply");
        }
        if (root == null) return new ConfigNode.Scalar(null, empty);
        return new YamlTree(locate).convert(root, "");
    }

    /** Block style for sections; flow style ({@code {out: 512}}, {@code [3, 5]}) for small leaf collections. */
    static String write(Object plain) {
        Yaml yaml = yaml(new CautiousResolver());
        Node root = yaml.represent(plain);
        styleSmallCollectionsAsFlow(root, 0, false);
        StringWriter out = new StringWriter();
        yaml.serialize(root, out);
        return out.toString();
    }

    private ConfigNode convert(Node node, String path) {
        Location where = locate.apply(node.getStartMark());
        if (!PLAIN_TAGS.contains(node.getTag())) {
            throw new ConfigException(where, path, "unsupported YAML tag " + shortTag(node.getTag()),
                    "remove the tag; configs hold only plain strings, numbers, booleans, lists and maps");
        }
        if (!open.add(node)) {
            throw new ConfigException(where, path, "an alias refers to a value that contains itself",
                    "remove the recursive *alias");
        }
        if (!converted.add(node) && ++valuesFromAliases > MAX_VALUES_FROM_ALIASES) {
            throw new ConfigException(where, path, "the *aliases expand to more than " + MAX_VALUES_FROM_ALIASES
                    + " values (the limit)", "write the values out instead of nesting *aliases");
        }
        try {
            if (node instanceof ScalarNode scalar) return new ConfigNode.Scalar(scalarValue(scalar, where, path), where);
            if (node instanceof SequenceNode sequence) {
                List<ConfigNode> items = new ArrayList<>();
                for (Node item : sequence.getValue()) items.add(convert(item, join(path, String.valueOf(items.size()))));
                return new ConfigNode.Sequence(items, where);
            }
            return convertMapping((MappingNode) node, where, path);
        } finally {
            open.remove(node);
        }
    }

    private ConfigNode convertMapping(MappingNode mapping, Location where, String path) {
        Map<String, ConfigNode.Field> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Location keyAt = locate.apply(tuple.getKeyNode().getStartMark());
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || !PLAIN_TAGS.contains(keyNode.getTag())) {
                throw new ConfigException(keyAt, path, "a key must be a plain word", "write keys like batch_size:");
            }
            String key = keyNode.getValue();
            ConfigNode.Field earlier = fields.get(key);
            if (earlier != null) {
                throw new ConfigException(keyAt, join(path, key), "duplicate key (first set at line " + earlier.keyAt().line() + ")",
                        "keep one of the two");
            }
            fields.put(key, new ConfigNode.Field(keyAt, convert(tuple.getValueNode(), join(path, key))));
        }
        return new ConfigNode.Mapping(fields, where);
    }

    private static Object scalarValue(ScalarNode scalar, Location where, String path) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) return null;
        if (tag.equals(Tag.BOOL)) return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT));
        if (tag.equals(Tag.INT)) {
            try {
                return Long.valueOf(text.startsWith("+") ? text.substring(1) : text);
            } catch (NumberFormatException e) {
                throw new ConfigException(where, path, "integer " + text + " is too large", "use a smaller number");
            }
        }
        if (tag.equals(Tag.FLOAT)) return parseFloat(text);
        return text;
    }

    private static Double parseFloat(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".nan")) return Double.NaN;
        if (lower.endsWith(".inf")) return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return Double.valueOf(text);
    }

    /**
     * Sections (depth 1) and blocks in a list stay in block style so the file reads as a form;
     * deeper collections of scalars or scalar lists go on one line: {@code linear: {out: 512}}.
     */
    private static void styleSmallCollectionsAsFlow(Node node, int depth, boolean listItem) {
        if (!(node instanceof CollectionNode<?> collection)) return;
        boolean small = children(node).stream().allMatch(child -> child instanceof ScalarNode
                || child instanceof SequenceNode list && children(list).stream().allMatch(ScalarNode.class::isInstance));
        boolean flow = small && depth >= 2 && !(listItem && node instanceof MappingNode);
        collection.setFlowStyle(flow ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
        for (Node child : children(node)) styleSmallCollectionsAsFlow(child, depth + 1, node instanceof SequenceNode);
    }

    private static List<Node> children(Node node) {
        if (node instanceof MappingNode mapping) return mapping.getValue().stream().map(NodeTuple::getValueNode).toList();
        if (node instanceof SequenceNode sequence) return sequence.getValue();
        return List.of();
    }

    private static Yaml yaml(Resolver resolver) {
        LoaderOptions loading = new LoaderOptions();
        // Composing never instantiates tagged classes; convert() rejects every non-plain tag with a clear message.
        loading.setTagInspector(tag -> true);
        loading.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        loading.setNestingDepthLimit(MAX_NESTING_DEPTH);
        loading.setCodePointLimit(ConfigLoader.MAX_FILE_BYTES);
        DumperOptions dumping = new DumperOptions();
        dumping.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumping.setIndent(2);
        dumping.setIndicatorIndent(2);
        dumping.setIndentWithIndicator(true);
        dumping.setWidth(120);
        return new Yaml(new SafeConstructor(loading), new PlainNumberRepresenter(dumping), dumping, loading, resolver);
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
        return e.getContext() != null && e.getProblem() != null ? problem + " (" + e.getContext() + ")" : problem;
    }

    private static String shortTag(Tag tag) {
        String value = tag.getValue();
        return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** YAML 1.2 core schema: true/false, decimal ints, floats with optional exponent, null/~/empty. */
    private static final class CoreSchemaResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addCoreSchema(this);
        }
    }

    /**
     * For writing: a string that either YAML 1.1 or the core schema would read as something else
     * ({@code yes}, {@code 09}, {@code 2024-01-01}) gets quoted, so other YAML readers see a string too.
     */
    private static final class CautiousResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            super.addImplicitResolvers();
            addCoreSchema(this);
        }
    }

    private static void addCoreSchema(Resolver resolver) {
        resolver.addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
        resolver.addImplicitResolver(Tag.INT, Pattern.compile("^[-+]?[0-9]+$"), "-+0123456789");
        resolver.addImplicitResolver(Tag.FLOAT, Pattern.compile(
                "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"),
                "-+0123456789.");
        resolver.addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL|)$"), "~nN\0");
    }

    /** Writes 0.0005 rather than Java's 5.0E-4, keeping a decimal point so a float reads back as a float. */
    private static final class PlainNumberRepresenter extends Representer {
        PlainNumberRepresenter(DumperOptions options) {
            super(options);
            representers.put(Double.class, data -> representScalar(Tag.FLOAT, format((Double) data)));
        }

        private static String format(double value) {
            if (Double.isNaN(value)) return ".nan";
            if (Double.isInfinite(value)) return value > 0 ? ".inf" : "-.inf";
            double magnitude = Math.abs(value);
            if (magnitude != 0 && (magnitude < 1e-9 || magnitude >= 1e15)) return Double.toString(value);
            String plain = new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
    }
}
