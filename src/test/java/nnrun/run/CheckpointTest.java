package nnrun.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.autodiff.Tensor;

class CheckpointTest {
    @TempDir Path dir;

    static Checkpoint sample(int epoch, int values) {
        float[] w = new float[values];
        for (int i = 0; i < values; i++) w[i] = epoch + i * 1e-3f;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("param.0.weight", Tensor.of(w, values / 4, 4));
        tensors.put("optim.0.weight/momentum", Tensor.of(w.clone(), values));
        TrainState s = new TrainState(epoch, 0, 0, 0, 0, 0, 0.25, epoch, Double.NaN, 0, Map.of("best", 1.5), Map.of("0.weight/step", 7L), 12.5, "seed: 0\n");
        return new Checkpoint(s, tensors);
    }

    @Test
    void roundTripsTensorsAndState() throws Exception {
        Path f = dir.resolve("a.ckpt");
        sample(3, 1000).write(f);
        Checkpoint back = Checkpoint.read(f);
        assertEquals(sample(3, 1000).state(), back.state());
        assertArrayEquals(new int[] {250, 4}, back.tensors().get("param.0.weight").shape());
        assertArrayEquals(sample(3, 1000).tensors().get("param.0.weight").data(), back.tensors().get("param.0.weight").data());
    }

    @Test
    void aFlippedByteIsCaughtByTheChecksum() throws Exception {
        Path f = dir.resolve("a.ckpt");
        sample(1, 100).write(f);
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 1;
        Files.write(f, b);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(f));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void aCheckpointFromAnotherFormatVersionIsNamed() throws Exception {
        Path f = dir.resolve("a.ckpt");
        sample(1, 100).write(f);
        byte[] b = Files.readAllBytes(f);
        b[11] = 9; // the format version follows the 8-byte magic
        Files.write(f, b);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(f));
        assertTrue(e.getMessage().contains("format version 9"), e.getMessage());
    }

    /** A writer killed mid-write (kill -9) never leaves a half-written checkpoint where the good one was. */
    @Test
    void killingAWriterMidWriteLeavesTheLastCompleteCheckpoint() throws Exception {
        Path f = dir.resolve("last.ckpt");
        sample(0, 1 << 20).write(f);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        for (int round = 0; round < 3; round++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CheckpointWriterLoop.class.getName(),
                    f.toString()).redirectErrorStream(true).start();
            Thread.sleep(700 + 300L * round); // mid-way through some write of a 4 MB tensor (checkpoints take ~20 ms each)
            p.destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            Checkpoint survivor = Checkpoint.read(f);
            assertEquals(1 << 20, survivor.tensors().get("optim.0.weight/momentum").numel());
            try (var files = Files.list(dir)) {
                List<Path> left = files.filter(x -> !x.equals(f)).toList();
                // A temp file of the killed write may remain beside it; it never replaces the checkpoint.
                assertTrue(left.stream().allMatch(x -> x.getFileName().toString().endsWith(".tmp")), left.toString());
            }
        }
    }
}
