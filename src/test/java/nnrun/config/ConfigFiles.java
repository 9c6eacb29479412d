package nnrun.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Test helpers: write a config file, load it, and capture the message of a config error. */
final class ConfigFiles {
    private ConfigFiles() {}

    static Path write(Path dir, String fileName, String yaml) {
        try {
            return Files.writeString(dir.resolve(fileName), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExperimentConfig load(Path file, String... overrides) {
        return ConfigLoader.load(file, List.of(overrides));
    }

    static String errorOf(Executable loading) {
        return assertThrows(ConfigException.class, loading).getMessage();
    }

    /** The smallest valid config; tests append or --set what they are about. */
    static final String MINIMAL = """
            data:
              dataset: mnist
            model:
              - flatten
              - linear: {out: 10}
            optimizer:
              lr: 0.1
            train:
              epochs: 2
            """;
}
