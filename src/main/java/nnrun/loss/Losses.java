package nnrun.loss;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Losses by config name with their options. */
public final class Losses {
    private Losses() {}

    public static final Set<String> NAMES = Set.of("cross_entropy", "logistic", "mse", "hinge");

    /** e.g. byName("cross_entropy", {label_smoothing: 0.1}); unknown names or options fail with what is accepted. */
    public static Loss byName(String name, Map<String, Object> options) {
        Map<String, Object> o = options == null ? Map.of() : options;
        return switch (name) {
            case "cross_entropy" -> {
                only(name, o, "label_smoothing");
                yield new CrossEntropyLoss(number(name, o, "label_smoothing", 0));
            }
            case "logistic" -> { only(name, o); yield new LogisticLoss(); }
            case "mse" -> { only(name, o); yield new MseLoss(); }
            case "hinge" -> { only(name, o, "margin"); yield new HingeLoss(number(name, o, "margin", 1)); }
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'; known: " + new TreeSet<>(NAMES));
        };
    }

    private static void only(String loss, Map<String, Object> o, String... allowed) {
        Set<String> unknown = new TreeSet<>(o.keySet());
        unknown.removeAll(Set.of(allowed));
        if (!unknown.isEmpty())
            throw new IllegalArgumentException("loss " + loss + ": unknown option(s) " + unknown + "; it takes "
                    + (allowed.length == 0 ? "no options" : Set.of(allowed).toString()));
    }

    private static double number(String loss, Map<String, Object> o, String key, double fallback) {
        Object v = o.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("loss " + loss + ": option '" + key + "' must be a number, got '" + v + "'");
    }
}
