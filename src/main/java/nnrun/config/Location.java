package nnrun.config;

/**
 * Where a config value came from: a line and column of a file, or a {@code --set} override
 * (which has no line). Printed the way compilers print positions, so editors can jump to it.
 */
public record Location(String source, int line, int column) {

    public static Location inFile(String file, int line, int column) {
        return new Location(file, line, column);
    }

    /** A value given on the command line, e.g. {@code --set optimizer.lr=-0.1}. */
    public static Location override(String rawOverride) {
        return new Location("--set " + rawOverride, 0, 0);
    }

    /** The whole file, for problems that have no better position (it cannot be read, it is empty). */
    public static Location file(String file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column : source;
    }
}
