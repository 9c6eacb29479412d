package nnrun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.testing.Allocations;

/** Checkpoint.read refuses what is not a checkpoint before allocating what it declares. */
class CheckpointLimitsTest {
    private static final long LITTLE = 32 << 20;

    @TempDir Path dir;

    @Test
    void aDeviceIsRefusedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero");
        CheckpointException e = Allocations.failsCheaply(CheckpointException.class, LITTLE, () -> Checkpoint.read(zero));
        assertEquals("/dev/zero is not a regular file (a folder, device or pipe); pass a .ckpt file from a run's"
                + " checkpoints/ folder", e.getMessage());
    }

    @Test
    void aFileOverTwoGibibytesIsRefusedWithoutReadingIt() throws Exception {
        Path sparse = dir.resolve("huge.ckpt");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: takes no disk space
        }
        CheckpointException e = Allocations.failsCheaply(CheckpointException.class, LITTLE, () -> Checkpoint.read(sparse));
        assertEquals(sparse + " has 3221225472 bytes, more than the 2 GiB limit of a checkpoint; it is not an nnrun"
                + " checkpoint", e.getMessage());
    }

    /** A checkpoint whose first tensor's first dimension is patched, with its checksum made to match again. */
    private Path withFirstDimension(int dimension) throws Exception {
        Path f = dir.resolve("crafted.ckpt");
        CheckpointTest.sample(1, 100).write(f);
        byte[] b = Files.readAllBytes(f);
        ByteBuffer in = ByteBuffer.wrap(b);
        in.position(8 + 4);
        int stateLength = in.getInt();
        in.position(in.position() + stateLength + 4); // past the JSON state and the tensor count
        in.position(in.position() + 2 + (in.getShort(in.position()) & 0xffff) + 4); // past the name and the rank
        in.putInt(in.position(), dimension);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 8);
        ByteBuffer.wrap(b, b.length - 8, 8).putLong(crc.getValue());
        return Files.write(f, b);
    }

    @Test
    void aDeclaredShapeLargerThanTheFileIsRefusedBeforeAllocatingIt() throws Exception {
        Path f = withFirstDimension(100_000_000);
        CheckpointException e = Allocations.failsCheaply(CheckpointException.class, LITTLE, () -> Checkpoint.read(f));
        assertEquals(f + ": tensor 'param.0.weight' declares shape [100000000, 4], 1600000000 bytes of values, but only"
                + " 833 bytes follow; it was not written by nnrun", e.getMessage());
    }

    @Test
    void aNegativeDimensionIsNamed() throws Exception {
        Path f = withFirstDimension(-5);
        CheckpointException e = Allocations.failsCheaply(CheckpointException.class, LITTLE, () -> Checkpoint.read(f));
        assertEquals(f + ": tensor 'param.0.weight' declares shape [-5, 4] with a negative dimension; it was not written"
                + " by nnrun", e.getMessage());
    }
}
