package nnrun.nn;

/** A layer stack that cannot be built: names the block, the shapes involved and the fix. */
public final class ModelSpecException extends IllegalArgumentException {
    private final int blockIndex;

    public ModelSpecException(int blockIndex, String message, Throwable cause) {
        super(message, cause);
        this.blockIndex = blockIndex;
    }

    /** The 0-based index of the offending block in the stack. */
    public int blockIndex() { return blockIndex; }
}
