package nnrun.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * What one data file holds, independent of where it lies and how it is compressed: the SHA-256 of
 * its decompressed bytes. Debian's recompressed Fashion-MNIST and the official .gz files give the
 * same fingerprint, as does a gunzipped copy. The record's components are plain values so that it
 * goes into JSON as it is.
 *
 * @param name    the file's name in its dataset with any ".gz" dropped ("train-images-idx3-ubyte",
 *                "train.bin"), or, for a folder of files, the name its loader gives it ("train")
 * @param path    where it was read, absolute
 * @param bytes   length of the decompressed content; for a folder, of all its files together
 * @param sha256  lower-case hex SHA-256 of the decompressed content; for a folder see {@link #ofFolder}
 * @param gzipMd5 MD5 of the file as stored when it is gzipped, which is what mirrors publish
 *                checksums of; null for a file that is not gzipped, and for a folder
 */
public record FileFingerprint(String name, String path, long bytes, String sha256, String gzipMd5) {

    private static final int BUFFER = 1 << 16;

    /** Fingerprints a file under its own name, ".gz" dropped. */
    public static FileFingerprint of(Path file) {
        String fileName = file.getFileName().toString();
        return of(fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName, file);
    }

    /** Fingerprints a file, gunzipping it first when its content (not its name) says it is gzipped. */
    public static FileFingerprint of(String name, Path file) {
        MessageDigest stored = digest("MD5");
        MessageDigest content = digest("SHA-256");
        try (InputStream raw = new DigestInputStream(Files.newInputStream(file), stored);
             BufferedInputStream in = new BufferedInputStream(raw, BUFFER)) {
            in.mark(2);
            boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            long length = gzipped ? digestAll(new GZIPInputStream(in, BUFFER), content) : digestAll(in, content);
            // Bytes after the last gzip member still belong to the stored file and its MD5.
            in.transferTo(OutputStream.nullOutputStream());
            String md5 = gzipped ? HexFormat.of().formatHex(stored.digest()) : null;
            return new FileFingerprint(name, file.toAbsolutePath().toString(), length,
                    HexFormat.of().formatHex(content.digest()), md5);
        } catch (NoSuchFileException e) {
            throw new DataException(file + " does not exist", e);
        } catch (ZipException e) {
            throw new DataException(file + " is a corrupt gzip file (" + e.getMessage() + "); download it again", e);
        } catch (IOException e) {
            throw new DataException(file + " could not be read to fingerprint it: " + e.getMessage(), e);
        }
    }

    /**
     * Fingerprints a folder of files (an image folder) as one: the SHA-256 of the listing that
     * {@code sha256sum} prints for the files, one line "&lt;sha256&gt;  &lt;path relative to the
     * folder, '/'-separated&gt;" each, sorted by relative path. So
     * {@code cd folder && find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum}
     * reproduces it when the folder holds nothing else. Files are taken as stored, not gunzipped.
     */
    public static FileFingerprint ofFolder(String name, Path folder, List<Path> files) {
        List<String> relative = files.stream()
                .map(file -> folder.relativize(file).toString().replace(folder.getFileSystem().getSeparator(), "/"))
                .sorted(FileFingerprint::compareUtf8).toList();
        MessageDigest listing = digest("SHA-256");
        long total = 0;
        for (String path : relative) {
            Path file = folder.resolve(path);
            MessageDigest one = digest("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                total += digestAll(in, one);
            } catch (IOException e) {
                throw new DataException(file + " could not be read to fingerprint it: " + e.getMessage(), e);
            }
            listing.update((HexFormat.of().formatHex(one.digest()) + "  " + path + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new FileFingerprint(name, folder.toAbsolutePath().toString(), total,
                HexFormat.of().formatHex(listing.digest()), null);
    }

    /** The order of {@code LC_ALL=C sort}: by UTF-8 bytes. */
    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static long digestAll(InputStream in, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long length = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
            length += n;
        }
        return length;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks " + algorithm + ", which every Java platform must have", e);
        }
    }
}
