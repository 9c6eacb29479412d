package nnrun.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks the official cifar-10-binary.tar.gz or cifar-100-binary.tar.gz. Every entry is first
 * written into a private staging folder beside the target; an entry whose path would land outside
 * it ({@code ../}, absolute paths) or that is a link aborts the whole extraction, so a hostile or
 * damaged archive leaves nothing behind. Only a complete folder (cifar-10-batches-bin or
 * cifar-100-binary) is moved into place.
 *
 * <p>The official archives are about 170 MB and unpack to about 185 MB, so each entry's declared
 * size is checked against {@link #ENTRY_LIMITS} before a byte is written: a 2 MB archive of zeros
 * cannot fill the disk with 2 GB.
 */
public final class CifarArchive {

    /** The largest size of each file in the official archives, by file name; add a row per new file. */
    static final Map<String, Long> ENTRY_LIMITS = Map.of(
            "data_batch_1.bin", 30_730_000L,
            "data_batch_2.bin", 30_730_000L,
            "data_batch_3.bin", 30_730_000L,
            "data_batch_4.bin", 30_730_000L,
            "data_batch_5.bin", 30_730_000L,
            "test_batch.bin", 30_730_000L,
            // cifar-100-binary.tar.gz: 3074-byte records (coarse label, fine label, 3072 pixels).
            "train.bin", 50_000L * 3074,
            "test.bin", 10_000L * 3074);

    /** Any other entry (batches.meta.txt, readme.html, *_label_names.txt) is a small text file. */
    static final long OTHER_ENTRY_LIMIT = 1 << 16;

    /** Both official archives unpack to about 184.4 MB; many small entries must not add up to more. */
    static final long TOTAL_LIMIT = 200_000_000L;

    private CifarArchive() {
    }

    /** Extracts a CIFAR archive into root and returns root/{@link StandardDataset#folder()}. */
    public static Path extract(StandardDataset dataset, Path archive, Path root) {
        String officialName = dataset.archive().orElseThrow(
                () -> new IllegalArgumentException(dataset.configName() + " is not published as an archive"));
        List<String> required = dataset.requiredFiles();
        Path target = root.resolve(dataset.folder());
        if (Files.exists(target) && !isComplete(target, required)) {
            throw new DataException(target + " exists but lacks some of " + String.join(", ", required)
                    + "; delete it so that " + archive + " can be extracted there");
        }
        Path staging = null;
        try {
            Files.createDirectories(root);
            staging = Files.createTempDirectory(root, "." + dataset.folder() + "-extract-").toAbsolutePath().normalize();
            unpack(archive, staging, officialName);
            Path staged = staging.resolve(dataset.folder());
            if (!isComplete(staged, required)) {
                throw new DataException(archive + " does not contain " + dataset.folder() + "/ with "
                        + String.join(", ", required) + "; it is not the official " + officialName
                        + ", delete it and download " + officialName + " again");
            }
            if (isComplete(target, required)) {
                return target;
            }
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new DataException(archive + " could not be extracted into " + root + ": "
                    + e.getMessage(), e);
        } finally {
            deleteRecursively(staging);
        }
    }

    private static boolean isComplete(Path folder, List<String> required) {
        return required.stream().allMatch(name -> Files.isRegularFile(folder.resolve(name)));
    }

    private static void unpack(Path archive, Path staging, String officialName) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file, 1 << 16))) {
            TarArchiveEntry entry;
            long total = 0;
            while ((entry = tar.getNextEntry()) != null) {
                Path destination = staging.resolve(entry.getName()).normalize();
                if (!destination.startsWith(staging) || destination.equals(staging) && !entry.isDirectory()) {
                    throw new DataException(archive + ": entry '" + entry.getName()
                            + "' would be written outside the target folder; refusing to extract. This is"
                            + " not the official archive: delete it and download " + officialName + " again");
                }
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new DataException(archive + ": entry '" + entry.getName() + "' is a link to '"
                            + entry.getLinkName() + "'; the official archive has none, so refusing to"
                            + " extract. Delete it and download " + officialName + " again");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else if (entry.isFile()) {
                    String fileName = destination.getFileName().toString();
                    long limit = ENTRY_LIMITS.getOrDefault(fileName, OTHER_ENTRY_LIMIT);
                    long size = Math.max(entry.getSize(), entry.getRealSize());
                    if (size > limit) {
                        throw new DataException(archive + ": entry '" + entry.getName() + "' declares " + size
                                + " bytes, more than the " + limit + " bytes " + (ENTRY_LIMITS.containsKey(fileName)
                                ? "of the official " + fileName : "allowed for a file the official archive does not have")
                                + "; refusing to extract. Delete it and download " + Cifar10.ARCHIVE + " again");
                    }
                    total += size;
                    if (total > TOTAL_LIMIT) {
                        throw new DataException(archive + ": its entries add up to more than " + TOTAL_LIMIT
                                + " bytes, more than the official archive holds; refusing to extract. Delete it and"
                                + " download " + Cifar10.ARCHIVE + " again");
                    }
                    Files.createDirectories(destination.getParent());
                    Files.copy(tar, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new DataException("could not remove the staging folder " + folder + ": "
                    + e.getMessage() + "; delete it by hand", e);
        }
    }
}
