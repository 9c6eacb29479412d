package nnrun.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static nnrun.config.ConfigFiles.MINIMAL;
import static nnrun.config.ConfigFiles.errorOf;
import static nnrun.config.ConfigFiles.load;
import static nnrun.config.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --set key.path=value}: typed values, list entries, new keys, order, and errors that name the --set. */
class SetOverrideTest {
    @TempDir Path dir;
    Path file;

    @BeforeEach
    void writeConfig() {
        file = write(dir, "mnist.yaml", MINIMAL);
    }

    @Test
    void valuesAreReadAsYamlScalars() {
        ExperimentConfig config = load(file, "optimizer.lr=0.05", "train.drop_last=true", "name=quick", "seed=7");

        assertEquals(0.05, config.optimizer().options().getDouble("lr", Range.greaterThan(0)));
        assertTrue(config.train().dropLast());
        assertEquals("quick", config.name());
        assertEquals(7, config.seed());
    }

    @Test
    void aListEntryIsAddressedByItsIndex() {
        ExperimentConfig config = load(file, "model.1.linear.out=256");

        assertEquals(256, config.model().get(1).options().getInt("out", Range.atLeast(1)));
        assertEquals("flatten", config.model().get(0).name());
    }

    @Test
    void aWholeBlockCanBeReplacedWithFlowYaml() {
        ExperimentConfig config = load(file, "model.1={linear: {out: 32, bias: false}}", "data.normalize={mean: [0.13], std: [0.31]}");

        assertEquals(List.of("out", "bias").stream().toList(), List.copyOf(config.model().get(1).options().keys()));
        assertEquals(NormalizationSpec.fixed(List.of(0.13), List.of(0.31)), config.data().normalize());
    }

    @Test
    void laterOverridesWin() {
        assertEquals(5, load(file, "train.epochs=3", "train.epochs=5").train().epochs());
    }

    @Test
    void anOverrideMayCreateAnOptionalSection() {
        ExperimentConfig config = load(file, "data.validation=0.1", "train.early_stopping.patience=4", "data.augment.flip=true");

        assertEquals(Optional.of(new EarlyStopping(4, "val_error")), config.train().earlyStopping());
        assertEquals(new AugmentationSpec(0, true), config.data().augment());
    }

    @Test
    void aSavedConfigCanBeOverriddenWhereItSaysNone() {
        Path saved = write(dir, "config.yaml", load(file).toYaml());

        ExperimentConfig config = load(saved, "train.early_stopping={patience: 2, metric: test_error}", "data.augment.crop=2");

        assertEquals(Optional.of(new EarlyStopping(2, "test_error")), config.train().earlyStopping());
        assertEquals(new AugmentationSpec(2, false), config.data().augment());
    }

    @Test
    void overridesApplyBeforeValidationSoTheyCanFixAFile() {
        Path broken = write(dir, "broken.yaml", MINIMAL.replace("lr: 0.1", "lr: -1"));

        assertEquals(0.1, load(broken, "optimizer.lr=0.1").optimizer().options().getDouble("lr", Range.greaterThan(0)));
    }

    @Test
    void badValuesAreReportedAsComingFromTheSet() {
        assertEquals("--set optimizer.lr=-0.1: optimizer.lr: must be > 0, got -0.1 (fix: set a positive learning rate, e.g. lr: 0.05)",
                errorOf(() -> load(file, "optimizer.lr=-0.1")));
        assertEquals("--set train.batch_size=big: train.batch_size: expected a whole number, got \"big\" "
                        + "(fix: write a whole number for batch_size)",
                errorOf(() -> load(file, "train.batch_size=big")));
    }

    @Test
    void anUnknownPathGetsADidYouMean() {
        assertEquals("--set train.epoch=3: train.epoch: unknown key \"epoch\", did you mean \"epochs\"? "
                        + "(fix: valid keys here: batch_size, drop_last, early_stopping, epochs, eval_every, log_every)",
                errorOf(() -> load(file, "train.epoch=3")));
        assertEquals("--set optimzer.lr=0.1: optimzer: unknown key \"optimzer\", did you mean \"optimizer\"? "
                        + "(fix: valid keys here: checkpoint, data, device, loss, model, name, optimizer, schedule, seed, train)",
                errorOf(() -> load(file, "optimzer.lr=0.1")));
    }

    @Test
    void malformedOverridesSayHowToWriteOne() {
        String fix = " (fix: write e.g. --set optimizer.lr=0.05 or --set model.0.linear.out=256)";
        assertEquals("--set optimizer.lr: malformed override, expected key.path=value" + fix,
                errorOf(() -> load(file, "optimizer.lr")));
        assertEquals("--set optimizer..lr=0.1: malformed override, expected key.path=value" + fix,
                errorOf(() -> load(file, "optimizer..lr=0.1")));
        assertEquals("--set =0.1: malformed override, expected key.path=value" + fix,
                errorOf(() -> load(file, "=0.1")));
    }

    @Test
    void anIndexOutsideTheListIsNamed() {
        assertEquals("--set model.5.linear.out=3: model.5: no such entry: model is a list of 2 entries (fix: use an index from 0 to 1)",
                errorOf(() -> load(file, "model.5.linear.out=3")));
        assertEquals("--set model.last=relu: model.last: no such entry: model is a list of 2 entries (fix: use an index from 0 to 1)",
                errorOf(() -> load(file, "model.last=relu")));
    }

    @Test
    void aSingleValueHasNoKeysToSet() {
        assertEquals("--set model.0.start_dim=1: model.0.start_dim: model.0 is \"flatten\", which has no key \"start_dim\" "
                        + "(fix: set the whole value instead, e.g. --set model.0={name: ..., start_dim: ...})",
                errorOf(() -> load(file, "model.0.start_dim=1")));
    }
}
