package nnrun.config;

/** Two whole numbers such as a kernel's height and width; {@code kernel: 3} means {@code [3, 3]}. */
public record IntPair(int first, int second) {

    public static IntPair square(int size) {
        return new IntPair(size, size);
    }
}
