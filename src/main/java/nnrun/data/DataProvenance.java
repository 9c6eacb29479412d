package nnrun.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which data a run read: the dataset the bytes really are, what the config asked for, and a
 * fingerprint of every file. When every file is a published file of one {@link StandardDataset}
 * (by the SHA-256 of its decompressed content, or by the published MD5 of its .gz), that dataset
 * names the data whatever the config said: Fashion-MNIST read through {@code dataset: mnist} is
 * recorded as fashion_mnist. Otherwise the data keeps the name it was asked for. The components
 * are plain values, so the record goes into JSON (summary.json) and back as it is.
 *
 * @param dataset          the resolved dataset name, e.g. "fashion_mnist", "image_folder"
 * @param requested        the name the config used (a standard dataset's canonical name)
 * @param matchesPublished every file is byte for byte a published file of {@code dataset}
 * @param files            the files the samples and labels were read from, in reading order
 */
public record DataProvenance(String dataset, String requested, boolean matchesPublished, List<FileFingerprint> files) {

    public DataProvenance {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(requested, "requested");
        files = List.copyOf(files);
    }

    /** Names the data by its content where the content is a published dataset, by {@code requested} otherwise. */
    public static DataProvenance of(String requested, List<FileFingerprint> files) {
        String asked = canonical(requested);
        Set<StandardDataset> candidates = new LinkedHashSet<>(Arrays.asList(StandardDataset.values()));
        for (FileFingerprint file : files) {
            candidates.retainAll(publishedMatches(file));
        }
        if (files.isEmpty() || candidates.isEmpty()) {
            return new DataProvenance(asked, asked, false, files);
        }
        StandardDataset found = candidates.stream().filter(d -> d.configName().equals(asked)).findFirst()
                .orElse(candidates.iterator().next());
        return new DataProvenance(found.configName(), asked, true, files);
    }

    /**
     * Something the user should hear about: data recorded under another name than the config
     * asked for, or files of which only some are published files (a mixture or modified copies).
     */
    public Optional<String> warning() {
        if (!dataset.equals(requested)) {
            return Optional.of("the config asks for " + requested + ", but the files in " + folders(files)
                    + " are the published " + dataset + " files; the data is recorded as " + dataset);
        }
        if (matchesPublished) {
            return Optional.empty();
        }
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (FileFingerprint file : files) {
            Set<StandardDataset> matches = publishedMatches(file);
            if (matches.isEmpty()) {
                unknown.add(file.name());
            } else {
                known.add(file.name() + " is the published " + matches.stream().map(StandardDataset::configName)
                        .collect(Collectors.joining(" or ")) + " file");
            }
        }
        if (known.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("in " + folders(files) + ", " + String.join(", ", known) + ", but "
                + String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are")
                + " not a published file of any known dataset: the files are mixed or modified");
    }

    /**
     * How the data read now differs from {@code recorded}: the dataset name and each file's content,
     * with both fingerprints; where files lie does not matter. Empty when it is the same data.
     */
    public List<String> differencesFrom(DataProvenance recorded) {
        List<String> differences = new ArrayList<>();
        if (!dataset.equals(recorded.dataset)) {
            differences.add("dataset: recorded " + recorded.dataset + ", now " + dataset);
        }
        Map<String, FileFingerprint> now = byName(files);
        Map<String, FileFingerprint> before = byName(recorded.files);
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            FileFingerprint old = before.get(name);
            FileFingerprint current = now.get(name);
            if (current == null) {
                differences.add(name + ": recorded sha256 " + old.sha256() + " (" + old.path() + "), not read now");
            } else if (old == null) {
                differences.add(name + ": read now with sha256 " + current.sha256() + " (" + current.path()
                        + "), not in the record");
            } else if (!old.sha256().equals(current.sha256())) {
                differences.add(name + ": recorded sha256 " + old.sha256() + " (" + old.path() + "), now sha256 "
                        + current.sha256() + " (" + current.path() + ")");
            }
        }
        return differences;
    }

    /**
     * Refuses to go on with other data than a run recorded, e.g. when resuming it.
     *
     * @param recordedIn where {@code recorded} came from, e.g. "runs/mnist_fcnn/summary.json"
     */
    public void requireSameDataAs(DataProvenance recorded, String recordedIn) {
        List<String> differences = differencesFrom(recorded);
        if (!differences.isEmpty()) {
            throw new DataException(recordedIn + " records " + recorded.dataset + " data, but the data read now"
                    + " differs:\n  - " + String.join("\n  - ", differences)
                    + "\nPoint data.path, --data-dir or " + DatasetLocator.ENV_VARIABLE
                    + " at the files that run used, or start a new run.");
        }
    }

    private static Set<StandardDataset> publishedMatches(FileFingerprint file) {
        Set<StandardDataset> matches = new LinkedHashSet<>();
        for (StandardDataset dataset : StandardDataset.values()) {
            boolean sameContent = file.sha256().equals(dataset.contentSha256().get(file.name()));
            boolean sameDownload = file.gzipMd5() != null && dataset.downloads().stream().anyMatch(download ->
                    download.name().equals(file.name() + ".gz") && download.algorithm().equals("MD5")
                            && download.checksum().equals(file.gzipMd5()));
            if (sameContent || sameDownload) {
                matches.add(dataset);
            }
        }
        return matches;
    }

    private static String canonical(String requested) {
        return StandardDataset.lookup(requested).map(StandardDataset::configName).orElse(requested);
    }

    private static Map<String, FileFingerprint> byName(List<FileFingerprint> files) {
        Map<String, FileFingerprint> map = new LinkedHashMap<>();
        for (FileFingerprint file : files) {
            map.put(file.name(), file);
        }
        return map;
    }

    private static String folders(List<FileFingerprint> files) {
        return files.stream().map(file -> java.nio.file.Path.of(file.path()).getParent())
                .filter(Objects::nonNull).map(Object::toString).distinct().collect(Collectors.joining(", "));
    }
}
