package nnrun.config;

import java.util.List;

import nnrun.backend.Device;

/**
 * One experiment, fully resolved: every default filled in and every {@code --set} applied.
 * Load it with {@link ConfigLoader#load}; {@link #toYaml()} is what a run saves as config.yaml.
 */
public record ExperimentConfig(String name, int seed, DataConfig data, List<ComponentSpec> model, FineTuningSpec fineTuning,
                               ComponentSpec loss,
                               ComponentSpec optimizer, ComponentSpec schedule, TrainConfig train, Device device,
                               CheckpointConfig checkpoint) {

    public ExperimentConfig {
        model = List.copyOf(model);
    }

    /** The resolved config as YAML; loading it gives back an equal config. */
    public String toYaml() {
        return YamlTree.write(ExperimentSchema.toPlain(this));
    }
}
