package nnrun.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Fetches published dataset files over HTTP(S). Each file is streamed into a hidden temporary
 * file beside its destination while its checksum is computed, and renamed into place only when
 * the whole body arrived and the checksum matches the published one. Anything else (a wrong
 * checksum, a dropped connection, an HTTP error) deletes the temporary file and moves on to the
 * next mirror, so the destination never holds half a file.
 */
public final class Downloader {

    private final PrintStream progress;
    private final int timeoutMillis;

    /**
     * @param progress where progress lines go (System.err for the CLI)
     * @param timeout  the longest wait to connect, and for any data while connected: a mirror
     *                 that goes silent for this long counts as failed
     */
    public Downloader(PrintStream progress, Duration timeout) {
        this.progress = progress;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /**
     * Downloads {@code file} from the first mirror that delivers it intact into
     * {@code folder/file.name()} and returns that path.
     *
     * @param mirrors base URLs, each ending in '/', tried in order
     */
    public Path download(List<URI> mirrors, RemoteFile file, Path folder) {
        Path destination = folder.resolve(file.name());
        List<String> failures = new ArrayList<>();
        for (URI mirror : mirrors) {
            URI url = mirror.resolve(file.name());
            try {
                fetch(url, file, destination);
                return destination;
            } catch (IOException | MirrorFailure e) {
                String reason = e instanceof MirrorFailure ? e.getMessage() : e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage());
                failures.add(url + ": " + reason);
                progress.println("  failed: " + reason);
            }
        }
        throw new DataException("could not download " + file.name() + " into " + folder + ":\n  - "
                + String.join("\n  - ", failures)
                + "\nCheck the network connection, or download the file by hand and put it at " + destination);
    }

    private void fetch(URI url, RemoteFile file, Path destination) throws IOException {
        progress.println("Downloading " + url);
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        connection.setInstanceFollowRedirects(true);
        try {
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new MirrorFailure("HTTP status " + status);
            }
            save(connection, file, destination);
        } finally {
            connection.disconnect();
        }
    }

    private void save(HttpURLConnection connection, RemoteFile file, Path destination) throws IOException {
        long expectedLength = connection.getContentLengthLong();
        try (InputStream body = connection.getInputStream()) {
            Files.createDirectories(destination.getParent());
            Path partial = Files.createTempFile(destination.getParent(), "." + file.name() + ".", ".part");
            try {
                MessageDigest digest = digest(file.algorithm());
                long received = copy(body, partial, digest, expectedLength, file.name());
                if (expectedLength >= 0 && received != expectedLength) {
                    throw new MirrorFailure("the connection closed after " + received + " of " + expectedLength
                            + " bytes; the partial file was deleted");
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equals(file.checksum())) {
                    throw new MirrorFailure("checksum mismatch: " + file.algorithm() + " is " + actual
                            + " but the published value is " + file.checksum() + "; the downloaded file was deleted");
                }
                Files.move(partial, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                progress.println("  " + file.name() + ": " + received + " bytes, " + file.algorithm() + " verified");
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }

    private long copy(InputStream body, Path partial, MessageDigest digest, long expectedLength, String name)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        long received = 0;
        long reportEvery = expectedLength > 0 ? Math.max(1, expectedLength / 10) : 4L << 20;
        long nextReport = reportEvery;
        try (OutputStream out = Files.newOutputStream(partial)) {
            int n;
            while ((n = read(body, buffer, received, expectedLength)) >= 0) {
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                received += n;
                if (received >= nextReport) {
                    progress.println("  " + name + ": " + describeProgress(received, expectedLength));
                    nextReport += reportEvery;
                }
            }
        }
        return received;
    }

    private static int read(InputStream body, byte[] buffer, long received, long expectedLength) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw new MirrorFailure("the connection broke after " + received + " of "
                    + (expectedLength >= 0 ? expectedLength + " bytes" : "an unknown number of bytes")
                    + " (" + e.getMessage() + "); the partial file was deleted");
        }
    }

    private static String describeProgress(long received, long expectedLength) {
        String mb = String.format(Locale.ROOT, "%.1f MB", received / 1e6);
        return expectedLength > 0
                ? String.format(Locale.ROOT, "%3d%% (%s of %.1f MB)", received * 100 / expectedLength, mb, expectedLength / 1e6)
                : mb;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown checksum algorithm " + algorithm, e);
        }
    }

    /** One mirror did not deliver an intact file; the next one may. */
    private static final class MirrorFailure extends RuntimeException {
        MirrorFailure(String message) {
            super(message);
        }
    }
}
