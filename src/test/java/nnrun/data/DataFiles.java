package nnrun.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes tiny files in the real dataset formats, byte for byte as the specifications describe. */
final class DataFiles {

    private DataFiles() {
    }

    /** An IDX file of unsigned bytes: 0x00 0x00 0x08 ndims, big-endian dimensions, then the values. */
    static byte[] idx(int[] dims, byte[] values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x00000800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(values);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    /** n 28x28 images whose pixels are all equal to the image's index, and labels i % 10. */
    static void writeMnist(Path folder, String imagesName, String labelsName, int n) throws IOException {
        byte[] pixels = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pixels, i * 784, (i + 1) * 784, (byte) i);
            labels[i] = (byte) (i % 10);
        }
        Files.createDirectories(folder);
        Files.write(folder.resolve(imagesName), gzip(idx(new int[] {n, 28, 28}, pixels)));
        Files.write(folder.resolve(labelsName), gzip(idx(new int[] {n}, labels)));
    }

    static void writeMnistFolder(Path folder, int trainCount, int testCount) throws IOException {
        writeMnist(folder, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", trainCount);
        writeMnist(folder, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", testCount);
    }

    /** CIFAR-10 records: label byte, then 1024 R, 1024 G, 1024 B bytes; channel c of record i is filled with 10*i + c. */
    static byte[] cifarRecords(int... labels) {
        byte[] out = new byte[labels.length * 3073];
        for (int i = 0; i < labels.length; i++) {
            out[i * 3073] = (byte) labels[i];
            for (int c = 0; c < 3; c++) {
                Arrays.fill(out, i * 3073 + 1 + c * 1024, i * 3073 + 1 + (c + 1) * 1024, (byte) (10 * i + c));
            }
        }
        return out;
    }

    /** A complete cifar-10-batches-bin folder: two records per training batch, three test records. */
    static void writeCifarFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (int b = 1; b <= 5; b++) {
            Files.write(folder.resolve("data_batch_" + b + ".bin"), cifarRecords(2 * b - 2, 2 * b - 1));
        }
        Files.write(folder.resolve("test_batch.bin"), cifarRecords(3, 1, 4));
        Files.writeString(folder.resolve("batches.meta.txt"),
                "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
    }

    /**
     * CIFAR-100 records: coarse label byte, fine label byte, then 1024 R, 1024 G, 1024 B bytes;
     * channel c of record i is filled with 10*i + c. Labels come as (coarse, fine) pairs.
     */
    static byte[] cifar100Records(int... coarseFinePairs) {
        int n = coarseFinePairs.length / 2;
        byte[] out = new byte[n * 3074];
        for (int i = 0; i < n; i++) {
            out[i * 3074] = (byte) coarseFinePairs[2 * i];
            out[i * 3074 + 1] = (byte) coarseFinePairs[2 * i + 1];
            for (int c = 0; c < 3; c++) {
                Arrays.fill(out, i * 3074 + 2 + c * 1024, i * 3074 + 2 + (c + 1) * 1024, (byte) (10 * i + c));
            }
        }
        return out;
    }

    /** A cifar-100-binary folder: train.bin with four records, test.bin with two, no names files. */
    static void writeCifar100Folder(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve("train.bin"), cifar100Records(4, 0, 1, 1, 19, 99, 4, 55));
        Files.write(folder.resolve("test.bin"), cifar100Records(11, 39, 0, 30));
    }

    /**
     * An RGB image whose pixel (x, y) is ((37x + 11y) mod 256, (5x + 71y + 90) mod 256,
     * (3x^2 + 29y + 200) mod 256): a pattern the Pillow reference values were computed from.
     */
    static BufferedImage patternImage(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 37 + y * 11) % 256;
                int g = (x * 5 + y * 71 + 90) % 256;
                int b = (x * x * 3 + y * 29 + 200) % 256;
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    /** A width x height image of one colour. */
    static BufferedImage solidImage(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /** Writes an image as "png", "jpeg" or "gif", creating the folders above it. */
    static Path writeImage(Path file, BufferedImage image, String format) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new AssertionError("no ImageIO writer for " + format);
        }
        return file;
    }

    /** A tar.gz holding every file of a folder under {@code prefix/}, plus any extra (name, content) entries. */
    static byte[] tarGz(Path folder, String prefix, String... extraNamesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            try (var files = Files.list(folder)) {
                for (Path file : files.sorted().toList()) {
                    addEntry(tar, prefix + "/" + file.getFileName(), Files.readAllBytes(file));
                }
            }
            for (int i = 0; i < extraNamesAndContents.length; i += 2) {
                addEntry(tar, extraNamesAndContents[i], extraNamesAndContents[i + 1].getBytes());
            }
        }
        return bytes.toByteArray();
    }

    private static void addEntry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
