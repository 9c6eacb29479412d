package nnrun.config;

/**
 * A problem with an experiment config, found before anything runs. The message says where
 * (file:line:column or the {@code --set} that caused it), which key, what is wrong and how to fix it:
 * {@code configs/x.yaml:12:5: optimizer.lr: must be > 0, got -0.1 (fix: set a positive learning rate, e.g. lr: 0.05)}.
 */
public final class ConfigException extends RuntimeException {
    private final Location where;
    private final String keyPath;
    private final String problem;
    private final String fix;

    public ConfigException(Location where, String keyPath, String problem, String fix) {
        super(format(where, keyPath, problem, fix));
        this.where = where;
        this.keyPath = keyPath;
        this.problem = problem;
        this.fix = fix;
    }

    /** What is wrong, without the location: "must be > 0, got -0.1". */
    public String problem() { return problem; }

    /** How to fix it, or null. */
    public String fix() { return fix; }

    public Location where() { return where; }

    /** The dotted path of the offending key, e.g. {@code model.3.linear.out}; empty for whole-file problems. */
    public String keyPath() { return keyPath; }

    private static String format(Location where, String keyPath, String problem, String fix) {
        StringBuilder message = new StringBuilder().append(where).append(": ");
        if (!keyPath.isEmpty()) message.append(keyPath).append(": ");
        message.append(problem);
        if (fix != null) message.append(" (fix: ").append(fix).append(')');
        return message.toString();
    }
}
