package nnrun.config;

import java.util.Objects;

/**
 * A named part from an open registry owned by another layer (a model block, loss, optimizer or
 * schedule) with its still-unchecked options: {@code - conv2d: {out: 32, kernel: 3}} is
 * {@code ComponentSpec("conv2d", {out: 32, kernel: 3}, configs/x.yaml:9:5)}. The owning layer looks
 * the name up and reads the options; {@link #unknownName} words its error when the name is not there.
 */
public record ComponentSpec(String name, Options options, Location where) {

    /** A component given in code (tests, programmatic use): {@code ComponentSpec.of("linear", Map.of("out", 10))}. */
    public static ComponentSpec of(String name, java.util.Map<String, ?> options) {
        Options o = Options.fromPlain(name, options);
        return new ComponentSpec(name, o, o.where());
    }

    /** The same component without an option that is not its own business (e.g. the trainer's clip_norm). */
    public ComponentSpec without(String option) {
        return new ComponentSpec(name, options.without(option), where);
    }

    /** "model.2: unknown block "reul", did you mean "relu"?" for a name the owning registry lacks. */
    public ConfigException unknownName(String kind, java.util.Collection<String> known) {
        return new ConfigException(where, options.path(), "unknown " + kind + " \"" + name + "\"" + DidYouMean.hint(name, known),
                "use one of: " + String.join(", ", new java.util.TreeSet<>(known)));
    }

    /** Equal when name and options are; where they were written does not matter (a saved config reloads equal). */
    @Override
    public boolean equals(Object other) {
        return other instanceof ComponentSpec that && name.equals(that.name) && options.equals(that.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, options);
    }
}
