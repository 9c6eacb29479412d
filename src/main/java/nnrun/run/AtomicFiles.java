package nnrun.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes that either happen completely or not at all: the bytes go to a temporary file beside
 * the target, are forced to disk, and only then renamed over it. A crash mid-write leaves the
 * previous version intact. Files get the permissions the user's umask gives any new file.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @throws FileSystemException naming {@code target} (never the temporary file) for every failure of
     *         the file system, including a disk that fills up mid-write, which Java reports without a path
     */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp;
        try {
            tmp = createTempBeside(dir, target);
        } catch (FileSystemException e) {
            throw about(target, e);
        }
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileSystemException e) {
            throw about(target, e);
        } catch (IOException e) {
            throw (FileSystemException) new FileSystemException(target.toString(), null, e.getMessage()).initCause(e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The same failure, about the target: the user never asked for the temporary file's name. */
    private static FileSystemException about(Path target, FileSystemException e) {
        String file = target.toString();
        FileSystemException renamed = e instanceof NoSuchFileException ? new NoSuchFileException(file, null, e.getReason())
                : e instanceof AccessDeniedException ? new AccessDeniedException(file, null, e.getReason())
                : e instanceof NotDirectoryException ? new NotDirectoryException(file)
                : new FileSystemException(file, null, e.getReason());
        renamed.initCause(e);
        return renamed;
    }

    /**
     * Not Files.createTempFile: it makes the file 0600, so colleagues could not read a shared run. A plain
     * create gets the user's umask like any other program's files; CREATE_NEW keeps concurrent writers apart.
     */
    private static Path createTempBeside(Path dir, Path target) throws IOException {
        while (true) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path tmp = dir.resolve("." + target.getFileName() + "." + random + ".tmp");
            try {
                Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW).close();
                return tmp;
            } catch (FileAlreadyExistsException taken) {
                // Another write drew the same name; draw again.
            }
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
