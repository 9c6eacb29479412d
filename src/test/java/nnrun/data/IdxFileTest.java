package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import nnrun.testing.Allocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    @TempDir
    Path dir;

    private static final byte[] TWO_2X3_IMAGES = {1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, (byte) 255};

    @Test
    void readsRawAndGzippedFilesAlike() throws IOException {
        Path raw = Files.write(dir.resolve("images-idx3-ubyte"), DataFiles.idx(new int[] {2, 2, 3}, TWO_2X3_IMAGES));
        Path gz = Files.write(dir.resolve("images-idx3-ubyte.gz"),
                DataFiles.gzip(DataFiles.idx(new int[] {2, 2, 3}, TWO_2X3_IMAGES)));
        for (Path file : new Path[] {raw, gz}) {
            IdxFile idx = IdxFile.read(file);
            assertArrayEquals(new int[] {2, 2, 3}, idx.dims());
            assertEquals(2, idx.records());
            assertEquals(6, idx.recordLength());
            assertArrayEquals(TWO_2X3_IMAGES, idx.values());
        }
    }

    @Test
    void gzipIsRecognisedByContentNotByName() throws IOException {
        Path misnamed = Files.write(dir.resolve("labels.bin"), DataFiles.gzip(DataFiles.idx(new int[] {3}, new byte[] {7, 8, 9})));
        assertArrayEquals(new byte[] {7, 8, 9}, IdxFile.read(misnamed).values());
    }

    @Test
    void wrongMagicNumberIsNamed() throws IOException {
        Path png = Files.write(dir.resolve("digits.idx"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        DataException e = assertThrows(DataException.class, () -> IdxFile.read(png));
        assertTrue(e.getMessage().contains("digits.idx"), e.getMessage());
        assertTrue(e.getMessage().contains("0x89504E47"), e.getMessage());
    }

    @Test
    void otherValueTypesAreRejected() throws IOException {
        byte[] floats = DataFiles.idx(new int[] {1}, new byte[] {0, 0, 0, 0});
        floats[2] = 0x0D;
        Path file = Files.write(dir.resolve("floats.idx"), floats);
        DataException e = assertThrows(DataException.class, () -> IdxFile.read(file));
        assertTrue(e.getMessage().contains("0x0D is not supported"), e.getMessage());
    }

    @Test
    void truncatedDataNamesTheRecordWhereItEnds() throws IOException {
        byte[] whole = DataFiles.idx(new int[] {2, 2, 3}, TWO_2X3_IMAGES);
        byte[] cut = Arrays.copyOf(whole, whole.length - 4);
        Path raw = Files.write(dir.resolve("cut-idx3-ubyte"), cut);
        Path gz = Files.write(dir.resolve("cut-idx3-ubyte.gz"), DataFiles.gzip(cut));
        for (Path file : new Path[] {raw, gz}) {
            DataException e = assertThrows(DataException.class, () -> IdxFile.read(file));
            assertTrue(e.getMessage().contains(file.toString() + " is truncated"), e.getMessage());
            assertTrue(e.getMessage().contains("ends inside record 1 (8 of 12 bytes)"), e.getMessage());
        }
    }

    @Test
    void aGzipStreamCutShortIsTruncatedToo() throws IOException {
        byte[] gz = DataFiles.gzip(DataFiles.idx(new int[] {2, 2, 3}, TWO_2X3_IMAGES));
        Path file = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length - 12));
        DataException e = assertThrows(DataException.class, () -> IdxFile.read(file));
        assertTrue(e.getMessage().contains("cut.gz"), e.getMessage());
    }

    @Test
    void truncatedHeaderAndTrailingBytesAreErrors() throws IOException {
        Path header = Files.write(dir.resolve("header.idx"), new byte[] {0, 0, 8, 3, 0, 0});
        assertTrue(assertThrows(DataException.class, () -> IdxFile.read(header)).getMessage()
                .contains("ends inside the IDX header"));
        byte[] whole = DataFiles.idx(new int[] {2}, new byte[] {1, 2});
        Path extra = Files.write(dir.resolve("extra.idx"), Arrays.copyOf(whole, whole.length + 1));
        assertTrue(assertThrows(DataException.class, () -> IdxFile.read(extra)).getMessage()
                .contains("bytes after its last record"));
    }

    @Test
    void missingFileIsNamed() {
        Path nowhere = dir.resolve("nowhere.gz");
        assertEquals(nowhere + " does not exist", assertThrows(DataException.class, () -> IdxFile.read(nowhere)).getMessage());
    }

    @Test
    void aHeaderClaimingFarMoreThanTheFileHoldsIsRefusedBeforeAllocatingIt() throws IOException {
        // 84 bytes whose header declares 1,500,000 records of 1000 bytes: 1.5 GB.
        byte[] small = DataFiles.idx(new int[] {1_500_000, 1000}, new byte[72]);
        assertEquals(84, small.length);
        Path raw = Files.write(dir.resolve("liar-idx2-ubyte"), small);
        Path gz = Files.write(dir.resolve("liar-idx2-ubyte.gz"), DataFiles.gzip(small));
        for (Path file : new Path[] {raw, gz}) {
            DataException e = Allocations.failsCheaply(DataException.class, 32 << 20, () -> IdxFile.read(file));
            assertEquals(file + " is truncated: the header declares 1500000 records of 1000 bytes, but the data ends"
                    + " inside record 0 (72 of 1500000000 bytes); download the file again", e.getMessage());
        }
    }
}
