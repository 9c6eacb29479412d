package nnrun.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The config names of one kind of component (block, loss, optimizer, schedule, dataset) and what
 * builds each. A factory reads its {@link Options} itself, so every problem names the offending
 * key's own line and column; whatever it did not read is a typo and gets a did-you-mean:
 *
 * <pre>{@code
 * static final Registry<LossFactory> LOSSES = new Registry<LossFactory>("loss")
 *         .register("cross_entropy", CrossEntropyLoss::fromOptions);
 * Loss loss = LOSSES.build(spec, (factory, options) -> factory.create(options));
 * }</pre>
 *
 * @param <F> the factory type of this kind: what it needs besides its options differs (a block
 *            needs its input shape, an optimizer the parameters)
 */
public final class Registry<F> {
    private final String kind;
    private final Map<String, F> factories = new LinkedHashMap<>();
    private final Map<String, String> shorthands = new LinkedHashMap<>();

    /** @param kind what the components are called in messages: "block", "loss", "dataset" */
    public Registry(String kind) { this.kind = kind; }

    public Registry<F> register(String name, F factory) {
        if (factories.putIfAbsent(name, factory) != null) throw new IllegalStateException(kind + " '" + name + "' is registered twice");
        return this;
    }

    /** A component whose single config value stands for one option: {@code - dropout: 0.5} is {@code rate: 0.5}. */
    public Registry<F> register(String name, String shorthandOption, F factory) {
        shorthands.put(name, shorthandOption);
        return register(name, factory);
    }

    /**
     * Builds the component a config entry names: looks the name up (did-you-mean when unknown),
     * lets the factory read the options, then rejects any option it did not read. A typo is
     * reported before whatever it made the factory fail with ({@code ot: 10} is "unknown key ot,
     * did you mean out?", not "out: required"). The factory's own IllegalArgumentExceptions pass
     * through for the caller to place.
     */
    public <R> R build(ComponentSpec spec, BiFunction<F, Options, R> create) {
        F factory = factories.get(spec.name());
        if (factory == null) throw spec.unknownName(kind, factories.keySet());
        Options options = shorthands.containsKey(spec.name()) ? spec.options().withShorthandFor(shorthands.get(spec.name()))
                : spec.options();
        R built;
        try {
            built = create.apply(factory, options);
        } catch (RuntimeException e) {
            options.rejectUnreadSoFar();
            throw e;
        }
        options.rejectUnread();
        return built;
    }

    public Optional<F> find(String name) { return Optional.ofNullable(factories.get(name)); }

    /** The names in registration order (the order docs and listings show them in). */
    public List<String> names() { return List.copyOf(factories.keySet()); }

    public Map<String, F> entries() { return Collections.unmodifiableMap(factories); }
}
