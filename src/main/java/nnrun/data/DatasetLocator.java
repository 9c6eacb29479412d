package nnrun.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a standard dataset's files. Places are searched in this order, skipping those not set:
 * the path given in the experiment config, {@code --data-dir}, the {@code NNRUN_DATA}
 * environment variable, and {@code ./data}. Under each root the layout is
 * {@code <root>/mnist/*.gz}, {@code <root>/cifar-10-batches-bin/*.bin} and so on
 * ({@link StandardDataset#folder()}); a root that directly holds the files also counts, and an
 * official CIFAR archive in a root ({@code <root>/cifar-10-binary.tar.gz}) is extracted in place.
 * Last come copies the operating system installed ({@link StandardDataset#systemCopies()}, e.g.
 * Debian's Fashion-MNIST), which are only read.
 */
public final class DatasetLocator {

    public static final String ENV_VARIABLE = "NNRUN_DATA";

    /** A data root and where its setting came from, for error messages. */
    public record Place(Path root, String origin) {
        @Override
        public String toString() {
            return root + " (" + origin + ")";
        }
    }

    private final List<Place> places = new ArrayList<>();
    private final Map<StandardDataset, List<Place>> systemCopies = new EnumMap<>(StandardDataset.class);

    /**
     * @param configPath the data path from the experiment config, or null
     * @param dataDir    the --data-dir option, or null
     * @param env        the environment (System.getenv() in production)
     * @param workingDir the folder ./data is resolved against
     */
    public DatasetLocator(Path configPath, Path dataDir, Map<String, String> env, Path workingDir) {
        if (configPath != null) {
            places.add(new Place(configPath, "path in the config"));
        }
        if (dataDir != null) {
            places.add(new Place(dataDir, "--data-dir"));
        }
        String fromEnv = env.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            places.add(new Place(Path.of(fromEnv), ENV_VARIABLE));
        }
        places.add(new Place(workingDir.resolve("data"), "./data"));
        for (StandardDataset dataset : StandardDataset.values()) {
            systemCopies.put(dataset, dataset.systemCopies());
        }
    }

    /** Replaces where the operating system's copies of one dataset are looked for (none: an empty list). */
    public DatasetLocator withSystemCopies(StandardDataset dataset, List<Place> copies) {
        systemCopies.put(dataset, List.copyOf(copies));
        return this;
    }

    public List<Place> places() {
        return List.copyOf(places);
    }

    /** Where downloads go: the first place searched. */
    public Path downloadRoot() {
        return places.get(0).root();
    }

    /** The first folder holding all of the dataset's files, extracting a CIFAR archive if that is what is found. */
    public Optional<Path> find(StandardDataset dataset) {
        for (Place place : places) {
            Path inFolder = place.root().resolve(dataset.folder());
            if (isComplete(dataset, inFolder)) {
                return Optional.of(inFolder);
            }
            if (isComplete(dataset, place.root())) {
                return Optional.of(place.root());
            }
            Optional<Path> archive = dataset.archive().map(place.root()::resolve).filter(Files::isRegularFile);
            if (archive.isPresent()) {
                return Optional.of(CifarArchive.extract(dataset, archive.get(), place.root()));
            }
        }
        return systemCopies.get(dataset).stream().map(Place::root).filter(copy -> isComplete(dataset, copy))
                .findFirst();
    }

    /** Explains, for every place searched, what is missing there, and where the files should go. */
    public String describeMissing(StandardDataset dataset) {
        StringBuilder message = new StringBuilder(dataset.configName() + " was not found. Looked in:\n");
        for (Place place : places) {
            describeFolder(message, dataset, place.root().resolve(dataset.folder()), place.origin());
        }
        for (Place copy : systemCopies.get(dataset)) {
            describeFolder(message, dataset, copy.root(), copy.origin());
        }
        message.append("Put ").append(String.join(", ", dataset.requiredFiles())).append(" in ")
                .append(downloadRoot().resolve(dataset.folder()));
        dataset.archive().ifPresent(archive ->
                message.append(" (or the official ").append(archive).append(" in ").append(downloadRoot()).append(')'));
        message.append(", or point --data-dir or ").append(ENV_VARIABLE).append(" at a folder that has them.");
        return message.toString();
    }

    private static void describeFolder(StringBuilder message, StandardDataset dataset, Path folder, String origin) {
        message.append("  - ").append(folder).append(" (").append(origin).append("): ");
        if (!Files.isDirectory(folder)) {
            message.append("no such folder");
        } else {
            List<String> missing = dataset.requiredFiles().stream()
                    .filter(name -> !Files.isRegularFile(folder.resolve(name))).toList();
            message.append("missing ").append(String.join(", ", missing));
        }
        message.append('\n');
    }

    private static boolean isComplete(StandardDataset dataset, Path folder) {
        return dataset.requiredFiles().stream().allMatch(name -> Files.isRegularFile(folder.resolve(name)));
    }
}
