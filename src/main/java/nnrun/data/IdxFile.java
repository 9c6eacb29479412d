package nnrun.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An IDX file (the format MNIST ships in): a big-endian header {@code 0x00 0x00 dtype ndims},
 * then ndims 32-bit big-endian dimension sizes, then the values in row-major order. The first
 * dimension counts records. Only unsigned bytes (dtype 0x08) are supported, which covers MNIST,
 * Fashion-MNIST, KMNIST and EMNIST. Gzipped files are recognised by their content, not their name.
 */
public record IdxFile(Path source, int[] dims, byte[] values) {

    static final int UNSIGNED_BYTE = 0x08;
    private static final int BUFFER = 1 << 16;

    public int records() {
        return dims[0];
    }

    /** Values per record: the product of all dimensions but the first (1 for a label file). */
    public int recordLength() {
        int length = 1;
        for (int i = 1; i < dims.length; i++) {
            length *= dims[i];
        }
        return length;
    }

    public static IdxFile read(Path file) {
        try (InputStream in = open(file)) {
            DataInputStream data = new DataInputStream(in);
            int[] dims = readHeader(file, data);
            long recordLength = 1;
            for (int i = 1; i < dims.length; i++) {
                recordLength *= dims[i];
            }
            long total = recordLength * dims[0];
            if (total > Integer.MAX_VALUE - 16) {
                throw new DataException(file + ": the header declares dimensions " + Arrays.toString(dims)
                        + ", more than 2 GB of values; is this really an IDX file?");
            }
            // Never allocate more than the file can hold, so a header that lies costs nothing: a raw file's
            // size bounds its values; a gzipped file's buffer starts at its recorded size and grows only as data arrives.
            long fileBytes = in instanceof GzipInput ? gzipSizeHint(file) : Files.size(file);
            long available = Math.max(0, fileBytes - 4L - 4L * dims.length);
            byte[] values = readUpTo(in, (int) total, (int) Math.min(total, available));
            if (values.length < total) {
                throw new DataException(file + " is truncated: the header declares " + dims[0]
                        + " records of " + recordLength + " bytes, but the data ends inside record "
                        + (values.length / recordLength) + " (" + values.length + " of " + total
                        + " bytes); download the file again");
            }
            if (in.read() != -1) {
                throw new DataException(file + " has bytes after its last record (record "
                        + (dims[0] - 1) + "); the header dimensions " + Arrays.toString(dims)
                        + " do not match the file size, so it is not a valid IDX file");
            }
            return new IdxFile(file, dims, values);
        } catch (NoSuchFileException e) {
            throw new DataException(file + " does not exist", e);
        } catch (ZipException e) {
            throw new DataException(file + " is a corrupt gzip file (" + e.getMessage()
                    + "); download it again", e);
        } catch (IOException e) {
            throw new DataException(file + " could not be read: " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        boolean gzipped = b0 == 0x1f && b1 == 0x8b;
        return gzipped ? new GzipInput(in) : in;
    }

    /** A gzipped IDX file, whose decompressed size is only known once it has been read. */
    private static final class GzipInput extends BufferedInputStream {
        GzipInput(InputStream compressed) throws IOException {
            super(new GZIPInputStream(compressed, BUFFER), BUFFER);
        }
    }

    /**
     * The decompressed size a gzip file records in its last four bytes (modulo 2^32), capped at
     * deflate's largest possible expansion (1032:1), since a damaged or hostile trailer may say anything.
     */
    private static long gzipSizeHint(Path file) throws IOException {
        long size = Files.size(file);
        if (size < 4) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(trailer, size - 4);
            return Math.min(Integer.toUnsignedLong(trailer.getInt(0)), 1032 * size);
        }
    }

    private static int[] readHeader(Path file, DataInputStream in) throws IOException {
        try {
            int magic = in.readInt();
            if ((magic >>> 16) != 0) {
                throw new DataException(file + ": magic number 0x" + String.format("%08X", magic)
                        + " is not an IDX header (expected 0x0000 followed by a type byte and a"
                        + " dimension count, e.g. 0x00000803 for images, 0x00000801 for labels)");
            }
            int dtype = (magic >>> 8) & 0xFF;
            int ndims = magic & 0xFF;
            if (dtype != UNSIGNED_BYTE) {
                throw new DataException(file + ": IDX value type 0x" + String.format("%02X", dtype)
                        + " is not supported; only unsigned bytes (0x08) are, as in MNIST");
            }
            if (ndims < 1) {
                throw new DataException(file + ": the IDX header declares 0 dimensions");
            }
            int[] dims = new int[ndims];
            for (int i = 0; i < ndims; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
                    throw new DataException(file + ": IDX dimension " + i + " is " + dims[i]
                            + "; the file is corrupt");
                }
            }
            return dims;
        } catch (EOFException e) {
            throw new DataException(file + " is truncated: it ends inside the IDX header", e);
        }
    }

    /**
     * Reads up to {@code declared} bytes into a buffer that starts at {@code capacity} and doubles
     * as data keeps arriving, so an 84-byte file whose header claims 1.5 GB gets a tiny buffer.
     * A gzip stream cut short counts as ending.
     */
    private static byte[] readUpTo(InputStream in, int declared, int capacity) throws IOException {
        byte[] dst = new byte[capacity];
        int off = 0;
        try {
            while (off < declared) {
                if (off == dst.length) {
                    dst = Arrays.copyOf(dst, (int) Math.min(declared, Math.max(1 << 16, 2L * dst.length)));
                }
                int n = in.read(dst, off, dst.length - off);
                if (n < 0) {
                    break;
                }
                off += n;
            }
        } catch (EOFException e) {
            // Truncated gzip data: report what arrived.
        }
        return off == dst.length ? dst : Arrays.copyOf(dst, off);
    }
}
