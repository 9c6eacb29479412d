package nnrun.backend;

/**
 * A tensor's values and the one way each side may touch them, shared by the tensor and its views
 * (reshape, detach), with the version counter that in-place changes bump.
 *
 * <p>Kernels address the values as {@link #buffer()}; the host goes through {@link #read()} or
 * {@link #write()}, which tell the backend which way the values flow. The difference matters on a
 * device: a read brings newer device values back and leaves the device's copy valid, so reading
 * the weights for a checkpoint or a log line costs one download and the next step uploads nothing;
 * a write makes the host's copy the newer one, so the next kernel uploads it. On the Java and
 * reference backends both are the array itself.
 */
public final class Storage {
    private final float[] values;
    private int version;

    public Storage(float[] values) { this.values = values; }

    public int length() { return values.length; }

    /** The values on the host, to read only (the device keeps its copy: do not write into it, use {@link #write}). */
    public float[] read() {
        Backends.current().toHost(values);
        return values;
    }

    /**
     * The values on the host, to change: newer device values come back first (a write to part of
     * them keeps the rest), the host's become the newer ones, and the version moves on.
     */
    public float[] write() {
        Backends.current().hostWrites(values);
        version++;
        return values;
    }

    /** The values as the backend's kernels address them: for {@link Backend} calls only; on a device their host copy may be stale. */
    public float[] buffer() { return values; }

    public int version() { return version; }

    /** Records that a kernel changed the values in place. */
    public void modified() { version++; }
}
