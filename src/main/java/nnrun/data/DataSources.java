package nnrun.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a run looks for dataset files and whether it may download them: the {@code --data-dir}
 * flag, the environment ({@code NNRUN_DATA}), the working folder ({@code ./data}), and a
 * downloader, null when offline.
 */
public record DataSources(Path dataDir, Map<String, String> env, Path workingDir, Downloader downloader) {

    /** The repository for one dataset entry; {@code configPath} (the config's data.path) is searched first. */
    public DatasetRepository repository(Path configPath) {
        return new DatasetRepository(new DatasetLocator(configPath, dataDir, env, workingDir), downloader);
    }
}
