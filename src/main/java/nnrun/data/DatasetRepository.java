package nnrun.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code dataset: mnist}, {@code cifar10} and the other {@link StandardDataset}s come from: the files found by a
 * {@link DatasetLocator}, or, when they are nowhere and downloading is allowed, fresh verified
 * copies from the official mirrors placed under the locator's first root.
 */
public final class DatasetRepository {

    private final DatasetLocator locator;
    private final Downloader downloader;
    private final Map<StandardDataset, List<URI>> mirrors = new EnumMap<>(StandardDataset.class);

    /** @param downloader fetches missing files; null means offline: missing files are an error */
    public DatasetRepository(DatasetLocator locator, Downloader downloader) {
        this.locator = locator;
        this.downloader = downloader;
        for (StandardDataset dataset : StandardDataset.values()) {
            mirrors.put(dataset, dataset.officialMirrors());
        }
    }

    /** Replaces the official mirrors of one dataset, e.g. with a local server or an institute cache. */
    public DatasetRepository withMirrors(StandardDataset dataset, List<URI> baseUrls) {
        mirrors.put(dataset, List.copyOf(baseUrls));
        return this;
    }

    public Dataset load(StandardDataset dataset, Split split) {
        return dataset.load(folder(dataset), split);
    }

    /** Both splits and their provenance (for CIFAR-100, fine labels: see {@link Cifar100#loadSplits}). */
    public DatasetSplits loadSplits(StandardDataset dataset) {
        return dataset.loadSplits(folder(dataset));
    }

    /** The folder holding the dataset's files, downloading them first if they are nowhere. */
    public Path folder(StandardDataset dataset) {
        Optional<Path> found = locator.find(dataset);
        if (found.isPresent()) {
            return found.get();
        }
        if (downloader == null) {
            throw new DataException(locator.describeMissing(dataset) + " Downloading is switched off.");
        }
        Path root = locator.downloadRoot();
        try {
            Optional<String> archiveName = dataset.archive();
            if (archiveName.isEmpty()) {
                Path folder = root.resolve(dataset.folder());
                for (RemoteFile file : dataset.downloads()) {
                    downloader.download(mirrors.get(dataset), file, folder);
                }
                return folder;
            }
            Path archive = downloader.download(mirrors.get(dataset), dataset.downloads().get(0), root);
            return CifarArchive.extract(dataset, archive, root);
        } catch (DataException e) {
            throw new DataException(locator.describeMissing(dataset) + "\nDownloading failed too: "
                    + e.getMessage(), e);
        }
    }
}
