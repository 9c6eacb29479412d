package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFingerprintTest {

    @TempDir
    Path dir;

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    @Test
    void gzippedAndPlainCopiesHaveTheSameContentFingerprint() throws Exception {
        byte[] raw = DataFiles.idx(new int[] {3, 2, 2}, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        byte[] gz = DataFiles.gzip(raw);
        Path gzipped = Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gz);
        Path plain = Files.write(dir.resolve("train-images-idx3-ubyte"), raw);

        FileFingerprint a = FileFingerprint.of(gzipped);
        FileFingerprint b = FileFingerprint.of(plain);

        assertEquals("train-images-idx3-ubyte", a.name(), "the .gz is dropped from the name");
        assertEquals(a.name(), b.name());
        assertEquals(hex("SHA-256", raw), a.sha256());
        assertEquals(a.sha256(), b.sha256());
        assertEquals(raw.length, a.bytes());
        assertEquals(hex("MD5", gz), a.gzipMd5(), "the stored .gz's MD5, comparable with published checksums");
        assertNull(b.gzipMd5());
        assertEquals(gzipped.toAbsolutePath().toString(), a.path());
    }

    @Test
    void unreadableFilesAreNamed() throws IOException {
        DataException missing = assertThrows(DataException.class, () -> FileFingerprint.of(dir.resolve("gone.bin")));
        assertTrue(missing.getMessage().contains("gone.bin does not exist"), missing.getMessage());
        Path broken = Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        DataException corrupt = assertThrows(DataException.class, () -> FileFingerprint.of(broken));
        assertTrue(corrupt.getMessage().contains("t10k-labels-idx1-ubyte.gz"), corrupt.getMessage());
    }

    /** The expected value was computed with the shell recipe in the javadoc of ofFolder. */
    @Test
    void folderFingerprintIsTheSha256OfTheSha256sumListing() throws IOException {
        Path root = dir.resolve("images");
        Files.createDirectories(root.resolve("cat"));
        Files.createDirectories(root.resolve("dog"));
        Path one = Files.writeString(root.resolve("cat/1.png"), "one");
        Path ten = Files.writeString(root.resolve("cat/10.png"), "three");
        Path b = Files.writeString(root.resolve("dog/b.png"), "two");

        FileFingerprint folder = FileFingerprint.ofFolder("train", root, List.of(b, ten, one));

        assertEquals("7bc2a7491e10dd76e66ac9e08f481c2010532dbcc8c1a1f2df322e79aa3b59ee", folder.sha256());
        assertEquals(11, folder.bytes());
        assertEquals("train", folder.name());
        assertNull(folder.gzipMd5());
    }
}
