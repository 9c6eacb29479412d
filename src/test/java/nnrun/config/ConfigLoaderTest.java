package nnrun.config;

import nnrun.backend.Device;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static nnrun.config.ConfigFiles.MINIMAL;
import static nnrun.config.ConfigFiles.load;
import static nnrun.config.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @TempDir Path dir;

    static final String CIFAR_CONVNET = """
            name: cifar_convnet
            seed: 42
            data:
              dataset: cifar10
              path: data/cifar-10-batches-bin
              normalize: {mean: [0.4914, 0.4822, 0.4465], std: [0.247, 0.243, 0.261]}
              augment: {crop: 4, flip: true}
              validation: 5000
            model:
              - conv2d: {out: 32, kernel: 3, padding: 1}
              - relu
              - maxpool2d: 2
              - flatten
              - linear: {out: 512}
              - dropout: 0.5
              - linear: {out: 10}
            loss: {name: cross_entropy, label_smoothing: 0.1}
            optimizer: {name: adam, lr: 1e-3, weight_decay: 5e-4}
            schedule: {name: cosine, warmup_epochs: 2}
            train:
              epochs: 30
              batch_size: 256
              eval_every: 2
              early_stopping: {patience: 3, metric: val_error}
              drop_last: true
              log_every: 50
            device: java
            checkpoint: {every: 5, keep_last: 3, keep_best: false}
            """;

    @Test
    void fullConfigLoadsEveryValueAsWritten() {
        ExperimentConfig config = load(write(dir, "cifar.yaml", CIFAR_CONVNET));

        assertEquals("cifar_convnet", config.name());
        assertEquals(42, config.seed());

        DataConfig data = config.data();
        assertEquals("cifar10", data.dataset().name());
        assertEquals("data/cifar-10-batches-bin", data.dataset().options().getString("path"));
        assertEquals(NormalizationSpec.fixed(List.of(0.4914, 0.4822, 0.4465), List.of(0.247, 0.243, 0.261)), data.normalize());
        assertEquals(new AugmentationSpec(4, true), data.augment());
        assertEquals(ValidationSpec.ofCount(5000), data.validation());
        assertEquals(Set.of("path"), data.dataset().options().keys());

        assertEquals(List.of("conv2d", "relu", "maxpool2d", "flatten", "linear", "dropout", "linear"),
                config.model().stream().map(ComponentSpec::name).toList());
        Options conv = config.model().get(0).options();
        assertEquals(32, conv.getInt("out", Range.atLeast(1)));
        assertEquals(IntPair.square(3), conv.getIntPair("kernel", Range.atLeast(1)));
        assertEquals(0.5, config.model().get(5).options().getDouble(Options.VALUE, Range.closedOpen(0, 1)));
        assertTrue(config.model().get(1).options().isEmpty());

        assertEquals("cross_entropy", config.loss().name());
        assertEquals(0.1, config.loss().options().getDouble("label_smoothing", 0, Range.closed(0, 1)));
        assertEquals("adam", config.optimizer().name());
        assertEquals(0.001, config.optimizer().options().getDouble("lr", Range.greaterThan(0)));
        assertEquals(0.0005, config.optimizer().options().getDouble("weight_decay", 0, Range.atLeast(0)));
        assertEquals("cosine", config.schedule().name());
        assertEquals(2, config.schedule().options().getInt("warmup_epochs", Range.atLeast(0)));

        assertEquals(new TrainConfig(30, 256, 2, Optional.of(new EarlyStopping(3, "val_error")), true, 50), config.train());
        assertEquals(Device.JAVA, config.device());
        assertEquals(new CheckpointConfig(5, 3, false), config.checkpoint());
    }

    @Test
    void everyOptionalKeyHasADefault() {
        ExperimentConfig config = load(write(dir, "mnist_linear.yaml", MINIMAL));

        assertEquals("mnist_linear", config.name(), "the file name without its extension");
        assertEquals(0, config.seed());
        assertEquals("mnist", config.data().dataset().name());
        assertTrue(config.data().dataset().options().isEmpty());
        assertEquals(NormalizationSpec.FROM_TRAINING_DATA, config.data().normalize());
        assertEquals(AugmentationSpec.NONE, config.data().augment());
        assertEquals(ValidationSpec.NONE, config.data().validation());
        assertEquals("cross_entropy", config.loss().name());
        assertEquals("sgd", config.optimizer().name());
        assertEquals("constant", config.schedule().name());
        assertEquals(0, config.schedule().options().getInt("warmup_epochs", Range.atLeast(0)));
        assertEquals(new TrainConfig(2, 128, 1, Optional.empty(), false, 100), config.train());
        assertEquals(Device.AUTO, config.device());
        assertEquals(new CheckpointConfig(1, 2, true), config.checkpoint());
    }

    @Test
    void lossAndScheduleMayBeJustAName() {
        ExperimentConfig config = load(write(dir, "x.yaml", MINIMAL + "loss: hinge\nschedule: step\n"));

        assertEquals("hinge", config.loss().name());
        assertTrue(config.loss().options().isEmpty());
        assertEquals("step", config.schedule().name());
        assertEquals(Set.of("warmup_epochs"), config.schedule().options().keys());
    }

    @Test
    void validationIsAFractionWhenWrittenWithADecimalPoint() {
        ExperimentConfig config = load(write(dir, "x.yaml", MINIMAL), "data.validation=0.1");

        assertEquals(0.1, config.data().validation().fraction());
        assertEquals(6000, config.data().validation().examplesOutOf(60_000));
    }

    @Test
    void datasetSpecificKeysAreLeftForTheDataLayer() {
        ExperimentConfig config = load(write(dir, "spirals.yaml", MINIMAL.replace("dataset: mnist",
                "dataset: spirals\n  n: 600\n  noise: 0.2\n  classes: 3")));

        Options spirals = config.data().dataset().options();
        spirals.requireOnly(Set.of("n", "noise", "classes"));
        assertEquals(600, spirals.getInt("n", 1000, Range.atLeast(1)));
        assertEquals(0.2, spirals.getDouble("noise", 0.1, Range.atLeast(0)));
        assertEquals(3, spirals.getInt("classes", 2, Range.atLeast(2)));
    }

    @Test
    void resolvedYamlLoadsBackToAnEqualConfig() {
        ExperimentConfig original = load(write(dir, "cifar.yaml", CIFAR_CONVNET), "train.epochs=3", "model.4.linear.out=256");

        String resolved = original.toYaml();
        ExperimentConfig reloaded = load(write(dir, "config.yaml", resolved));

        assertEquals(original, reloaded);
        assertEquals(resolved, reloaded.toYaml());
    }

    @Test
    void textThatLooksLikeANumberOrBooleanStaysTextWhenSaved() {
        Path file = write(dir, "x.yaml", MINIMAL.replace("dataset: mnist", "dataset: csv\n  path: data/t.csv\n  label: \"09\"\n  sep: \"yes\""));
        ExperimentConfig config = load(file);

        String resolved = config.toYaml();

        assertTrue(resolved.contains("label: '09'") && resolved.contains("sep: 'yes'"), resolved);
        assertEquals("09", load(write(dir, "config.yaml", resolved)).data().dataset().options().getString("label"));
    }

    @Test
    void resolvedYamlSpellsOutTheDefaults() {
        String resolved = load(write(dir, "mnist_linear.yaml", MINIMAL)).toYaml();

        assertEquals("""
                name: mnist_linear
                seed: 0
                data:
                  dataset: mnist
                  normalize: true
                  augment: none
                  validation: 0
                model:
                  - flatten
                  - linear: {out: 10}
                loss: cross_entropy
                optimizer:
                  name: sgd
                  lr: 0.1
                schedule:
                  name: constant
                  warmup_epochs: 0
                train:
                  epochs: 2
                  batch_size: 128
                  eval_every: 1
                  early_stopping: none
                  drop_last: false
                  log_every: 100
                device: auto
                checkpoint:
                  every: 1
                  keep_last: 2
                  keep_best: true
                """, resolved);
        assertFalse(resolved.contains("!!"), "no Java type tags in a saved config");
    }
}
