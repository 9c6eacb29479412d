package nnrun.run;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

import com.fasterxml.jackson.databind.ObjectMapper;

import nnrun.autodiff.GradMode;
import nnrun.autodiff.Tensor;
import nnrun.nn.Module;
import nnrun.optim.LrSchedule;
import nnrun.optim.Optimizer;
import nnrun.optim.OptimizerState;

/**
 * A training checkpoint: named tensors (parameters, buffers, optimizer state) and the
 * {@link TrainState}. On disk: magic {@code NNRUNCKP}, format version, JSON state, tensors as
 * raw IEEE floats, and a CRC32C of all of it, so a truncated or corrupted file is named as such
 * instead of loading garbage. Written atomically.
 */
public record Checkpoint(TrainState state, Map<String, Tensor> tensors) {
    private static final String PARAM = "param.", BUFFER = "buffer.", OPTIM = "optim.";
    private static final byte[] MAGIC = "NNRUNCKP".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The model's parameters and buffers, the optimizer's state and where training stands. */
    public static Checkpoint capture(Module model, Optimizer optimizer, TrainState state) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((k, v) -> tensors.put(PARAM + k, v));
        model.namedBuffers().forEach((k, v) -> tensors.put(BUFFER + k, v));
        OptimizerState optimizerState = optimizer.exportState();
        optimizerState.buffers().forEach((k, v) -> tensors.put(OPTIM + k, Tensor.of(v, v.length)));
        return new Checkpoint(state.withOptimizerCounters(optimizerState.counters()), tensors); // step counters as of now, mid-epoch too
    }

    /** Puts everything {@link #capture} took back: weights, optimizer and schedule state. */
    public void restore(Module model, Optimizer optimizer, LrSchedule schedule, Path file) {
        loadWeights(model, file);
        Map<String, float[]> buffers = new LinkedHashMap<>();
        tensors.forEach((k, v) -> { if (k.startsWith(OPTIM)) buffers.put(k.substring(OPTIM.length()), v.data()); });
        optimizer.importState(new OptimizerState(optimizer.name(), buffers, state.optimizerCounters()));
        schedule.importState(state.scheduleState());
    }

    /** Copies the parameters and buffers into a model of the same architecture ({@code file} names it in errors). */
    public void loadWeights(Module model, Path file) {
        copyInto(model.namedParameters(), PARAM, file);
        copyInto(model.namedBuffers(), BUFFER, file);
    }

    private void copyInto(Map<String, Tensor> targets, String prefix, Path file) {
        for (var e : targets.entrySet()) {
            Tensor saved = tensors.get(prefix + e.getKey());
            if (saved == null || !Arrays.equals(saved.shape(), e.getValue().shape()))
                throw new CheckpointException(file + " does not fit this model: " + prefix + e.getKey() + " is "
                        + (saved == null ? "missing" : "of shape " + Arrays.toString(saved.shape()))
                        + ", the model needs " + Arrays.toString(e.getValue().shape())
                        + ". Was the checkpoint written by a run with another model config?");
            try (var off = GradMode.off()) {
                e.getValue().copyFrom(saved);
            }
        }
    }

    public void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        byte[] meta = JSON.writeValueAsBytes(state);
        out.writeInt(meta.length);
        out.write(meta);
        out.writeInt(tensors.size());
        for (var e : tensors.entrySet()) {
            out.writeUTF(e.getKey());
            int[] shape = e.getValue().shape();
            out.writeInt(shape.length);
            for (int d : shape) out.writeInt(d);
            float[] data = e.getValue().data();
            ByteBuffer buf = ByteBuffer.allocate(data.length * 4);
            buf.asFloatBuffer().put(data);
            out.write(buf.array());
        }
        out.flush();
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        byte[] all = bytes.toByteArray();
        AtomicFiles.write(file, o -> o.write(all));
    }

    public static Checkpoint read(Path file) {
        byte[] all;
        try {
            // A device such as /dev/zero, or a huge file, would otherwise be read until the heap runs out.
            if (Files.exists(file) && !Files.isRegularFile(file))
                throw new CheckpointException(file + " is not a regular file (a folder, device or pipe); pass a .ckpt file "
                        + "from a run's checkpoints/ folder");
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8)
                throw new CheckpointException(file + " has " + size + " bytes, more than the 2 GiB limit of a checkpoint; "
                        + "it is not an nnrun checkpoint");
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + file + " does not exist");
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        if (all.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC))
            throw new CheckpointException(file + " is not an nnrun checkpoint (wrong magic bytes)");
        ByteBuffer in = ByteBuffer.wrap(all);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version != FORMAT_VERSION)
            throw new CheckpointException(file + " has checkpoint format version " + version + "; this nnrun reads version "
                    + FORMAT_VERSION + ". Use the nnrun version that wrote it.");
        if (all.length < MAGIC.length + 4 + 8)
            throw new CheckpointException(file + " is truncated (" + all.length + " bytes)");
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 8);
        long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (crc.getValue() != stored)
            throw new CheckpointException(file + " is corrupt or truncated (checksum mismatch); use another checkpoint "
                    + "from its folder, e.g. --checkpoint best, or an epoch-NNNN.ckpt");
        // Every declared length is checked against the bytes left before anything of that size is allocated,
        // so a file crafted with a matching checksum cannot ask for gigabytes.
        in.limit(all.length - 8);
        try {
            int metaLength = in.getInt();
            if (metaLength < 0 || metaLength > in.remaining())
                throw new CheckpointException(file + " declares " + metaLength + " bytes of training state but only "
                        + in.remaining() + " bytes follow; it was not written by nnrun");
            byte[] meta = new byte[metaLength];
            in.get(meta);
            TrainState state = JSON.readValue(meta, TrainState.class);
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / 6)
                throw new CheckpointException(file + " declares " + count + " tensors but only " + in.remaining()
                        + " bytes follow; it was not written by nnrun");
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (int t = 0; t < count; t++) {
                int nameLength = in.getShort() & 0xffff;
                if (nameLength > in.remaining())
                    throw new CheckpointException(file + " declares a " + nameLength + "-byte name for tensor " + t
                            + " but only " + in.remaining() + " bytes follow; it was not written by nnrun");
                byte[] name = new byte[nameLength];
                in.get(name);
                String key = new String(name, StandardCharsets.UTF_8);
                int rank = in.getInt();
                if (rank < 0 || rank > in.remaining() / 4)
                    throw new CheckpointException(file + ": tensor '" + key + "' declares " + rank + " dimensions but only "
                            + in.remaining() + " bytes follow; it was not written by nnrun");
                int[] shape = new int[rank];
                long n = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.getInt();
                    if (shape[d] < 0) n = -1;
                    else if (n >= 0) n = Math.min(n * shape[d], Integer.MAX_VALUE);
                }
                if (n < 0)
                    throw new CheckpointException(file + ": tensor '" + key + "' declares shape " + Arrays.toString(shape)
                            + " with a negative dimension; it was not written by nnrun");
                if (4 * n > in.remaining())
                    throw new CheckpointException(file + ": tensor '" + key + "' declares shape " + Arrays.toString(shape)
                            + ", " + 4 * n + " bytes of values, but only " + in.remaining()
                            + " bytes follow; it was not written by nnrun");
                float[] data = new float[(int) n];
                in.asFloatBuffer().get(data);
                in.position(in.position() + 4 * (int) n);
                tensors.put(key, Tensor.of(data, shape));
            }
            return new Checkpoint(state, tensors);
        } catch (BufferUnderflowException | IOException | IllegalArgumentException e) {
            throw new CheckpointException(file + " could not be decoded although its checksum matched: " + e, e);
        }
    }
}
