package nnrun.config;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static nnrun.config.ConfigFiles.MINIMAL;
import static nnrun.config.ConfigFiles.errorOf;
import static nnrun.config.ConfigFiles.load;
import static nnrun.config.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every kind of bad config, and the exact message (file:line:column, key path, problem, fix) the user sees. */
class ConfigErrorsTest {
    @TempDir Path dir;

    private String errorLoading(String yaml) {
        Path file = write(dir, "x.yaml", yaml);
        return errorOf(() -> load(file)).replace(file.toString(), "x.yaml");
    }

    /** The error of checking a config's components, as nnrun train does before reading data. */
    private String errorPlanning(String yaml) {
        Path file = write(dir, "x.yaml", yaml);
        return errorOf(() -> nnrun.run.ExperimentPlan.of(load(file))).replace(file.toString(), "x.yaml");
    }

    @Test
    void unknownKeySuggestsTheClosestKnownOne() {
        assertEquals("x.yaml:9:3: train.epoch: unknown key \"epoch\", did you mean \"epochs\"? (fix: valid keys here: "
                        + "batch_size, drop_last, early_stopping, epochs, eval_every, log_every)",
                errorLoading(MINIMAL.replace("epochs: 2", "epoch: 2")));
    }

    @Test
    void unknownSectionSuggestsTheClosestSection() {
        assertEquals("x.yaml:10:1: optimiser: unknown key \"optimiser\", did you mean \"optimizer\"? (fix: valid keys here: "
                        + "checkpoint, data, device, loss, model, name, optimizer, schedule, seed, train)",
                errorLoading(MINIMAL + "optimiser: {momentum: 0.9}\n"));
    }

    @Test
    void unknownValueOfAFixedChoiceSuggestsTheClosestChoice() {
        assertEquals("x.yaml:2:12: data: unknown dataset \"mnsit\", did you mean \"mnist\"? "
                        + "(fix: use one of: blobs, cifar10, cifar100, csv, fashion_mnist, image_folder, kmnist, mnist, spirals, xor)",
                errorPlanning(MINIMAL.replace("dataset: mnist", "dataset: mnsit")));
    }

    @Test
    void wrongTypeSaysWhatWasExpectedAndWhatWasFound() {
        assertEquals("x.yaml:7:7: optimizer.lr: expected a number, got \"fast\" (fix: write a number for lr)",
                errorLoading(MINIMAL.replace("lr: 0.1", "lr: fast")));
        assertEquals("x.yaml:9:11: train.epochs: expected a whole number, got 2.5 (fix: write a whole number for epochs)",
                errorLoading(MINIMAL.replace("epochs: 2", "epochs: 2.5")));
        assertEquals("x.yaml:8:8: train: expected a map of settings, got 5 (fix: write a map of settings for train)",
                errorLoading(MINIMAL.replace("train:\n  epochs: 2\n", "train: 5\n")));
    }

    @Test
    void yesIsNotABoolean() {
        // YAML 1.2 core schema: only true/false are booleans, so a typo-prone "yes" is reported, not guessed.
        assertEquals("x.yaml:10:14: train.drop_last: expected true or false, got \"yes\" (fix: write true or false for drop_last)",
                errorLoading(MINIMAL + "  drop_last: yes\n"));
    }

    @Test
    void missingRequiredKeyPointsAtTheSectionItBelongsIn() {
        assertEquals("x.yaml:6:1: optimizer.lr: required, but not set (fix: add lr under optimizer)",
                errorLoading(MINIMAL.replace("lr: 0.1", "momentum: 0.9")));
        assertEquals("x.yaml:8:1: train.epochs: required, but not set (fix: add epochs under train)",
                errorLoading(MINIMAL.replace("epochs: 2", "batch_size: 64")));
    }

    @Test
    void missingModelSaysHowToWriteOne() {
        assertEquals("x.yaml:1:1: model: required, but not set "
                        + "(fix: list the blocks in order, e.g. model: [flatten, {linear: {out: 10}}])",
                errorLoading(MINIMAL.replace("model:\n  - flatten\n  - linear: {out: 10}\n", "")));
    }

    @Test
    void outOfRangeValueGivesTheAllowedRange() {
        assertEquals("x.yaml:7:7: optimizer.lr: must be > 0, got -0.1 (fix: set a positive learning rate, e.g. lr: 0.05)",
                errorLoading(MINIMAL.replace("lr: 0.1", "lr: -0.1")));
        assertEquals("x.yaml:9:11: train.epochs: must be >= 1, got 0 (fix: choose a value >= 1)",
                errorLoading(MINIMAL.replace("epochs: 2", "epochs: 0")));
        assertEquals("x.yaml:3:15: data.validation: must be in [0, 1), got 1.5 (fix: hold out a fraction such as "
                        + "validation: 0.1, or a count of examples such as validation: 5000)",
                errorLoading(MINIMAL.replace("dataset: mnist", "dataset: mnist\n  validation: 1.5")));
    }

    @Test
    void optionsIndentedUnderTheWrongKeyAreCaught() {
        assertEquals("x.yaml:5:5: model.1: a block is one name with its options, got keys linear, out "
                        + "(fix: indent the options under the block's name, or write it on one line: - linear: {out: 512})",
                errorLoading(MINIMAL.replace("  - linear: {out: 10}\n", "  - linear:\n    out: 10\n")));
    }

    @Test
    void crossFieldProblemsAreFoundBeforeAnythingRuns() {
        assertEquals("x.yaml:10:41: train.early_stopping.metric: val_error needs a validation split, but data.validation is 0 "
                        + "(fix: hold out data with data.validation: 0.1, or use metric: test_error)",
                errorLoading(MINIMAL + "  early_stopping: {patience: 3, metric: val_error}\n"));
        assertEquals("x.yaml:3:12: data.augment: crop and flip apply to images, not spirals (fix: remove augment)",
                errorPlanning(MINIMAL.replace("dataset: mnist", "dataset: spirals\n  augment: {flip: true}")));
        assertEquals("x.yaml:3:14: data.normalize: needs one mean and one std per channel (3 for cifar10), got 1 "
                        + "(fix: give 3 values in each list)",
                errorPlanning(MINIMAL.replace("dataset: mnist", "dataset: cifar10\n  normalize: {mean: [0.5], std: [0.25]}")));
    }

    @Test
    void duplicateKeyNamesBothLines() {
        assertEquals("x.yaml:10:3: train.epochs: duplicate key (first set at line 9) (fix: keep one of the two)",
                errorLoading(MINIMAL + "  epochs: 3\n"));
    }

    @Test
    void malformedYamlGivesTheLineOfTheProblem() {
        assertEquals("x.yaml:3:8: malformed YAML: mapping values are not allowed here "
                        + "(fix: check the indentation and that every entry is \"key: value\" or \"- item\")",
                errorLoading(MINIMAL.replace("  dataset: mnist\n", "  dataset: mnist\n    bad: [1\n")));
    }

    @Test
    void javaTypeTagsAreRejectedNotInstantiated() {
        assertEquals("x.yaml:7:7: optimizer.lr: unsupported YAML tag !!java.lang.Runtime "
                        + "(fix: remove the tag; configs hold only plain strings, numbers, booleans, lists and maps)",
                errorLoading(MINIMAL.replace("lr: 0.1", "lr: !!java.lang.Runtime 0.1")));
        assertEquals("x.yaml:1:7: name: unsupported YAML tag !!javax.script.ScriptEngineManager "
                        + "(fix: remove the tag; configs hold only plain strings, numbers, booleans, lists and maps)",
                errorLoading("name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n"
                        + MINIMAL));
    }

    @Test
    void anEmptyFileIsNotAConfig() {
        assertEquals("x.yaml: expected a map of sections (data, model, optimizer, train, ...), got nothing (null) "
                + "(fix: start from an example in configs/)", errorLoading(""));
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(missing + ": no such config file (fix: check the path; the shipped examples are in configs/)",
                errorOf(() -> load(missing)));
    }

    @Test
    void runNameMustBeUsableInAFolderName() {
        assertEquals("x.yaml:1:7: name: must be letters, digits, '.', '_' or '-', got \"my run/1\" "
                        + "(fix: it becomes part of the run folder's name; use e.g. name: cifar_fcnn)",
                errorLoading("name: my run/1\n" + MINIMAL));
    }

    @Test
    void aConfigThatIsNotUtf8NamesTheLineAndByte() throws Exception {
        Path file = dir.resolve("latin1.yaml");
        java.nio.file.Files.write(file, ("name: démo\n" + MINIMAL).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(file + ":1:8: the file is not UTF-8 text: byte 0xE9 at offset 7 is not valid UTF-8"
                + " (fix: save the config as UTF-8 (e.g. iconv -f latin1 -t utf-8))", errorOf(() -> load(file)));
    }

    @Test
    void aSeedBeyond32BitsGivesTheRangeThatFits() {
        assertEquals("x.yaml:1:7: seed: must fit in 32 bits, got 99999999999 (fix: choose a value in [-2147483648, 2147483647])",
                errorLoading("seed: 99999999999\n" + MINIMAL));
    }

    @Test
    void anInfiniteValueWhereAnyNumberGoesAsksForAFiniteOne() {
        assertEquals("x.yaml:3:22: data.normalize.mean: must be a finite number, got Infinity (fix: choose a finite number)",
                errorLoading(MINIMAL.replace("dataset: mnist", "dataset: mnist\n  normalize: {mean: [.inf], std: [1]}")));
    }
    @Test
    void aMisspelledComponentOptionIsCaughtAtItsOwnLineAndColumn() {
        assertEquals("x.yaml:5:23: model.1.linear.bais: unknown key \"bais\", did you mean \"bias\"? "
                        + "(fix: valid keys here: bias, init, out)",
                errorPlanning(MINIMAL.replace("{out: 10}", "{out: 10, bais: false}")));
        // The missing "out" it causes is reported after the misspelling that explains it.
        assertEquals("x.yaml:5:14: model.1.linear.ot: unknown key \"ot\", did you mean \"out\"? "
                        + "(fix: valid keys here include: out)",
                errorPlanning(MINIMAL.replace("{out: 10}", "{ot: 10}")));
        assertEquals("x.yaml:8:3: optimizer.momentun: unknown key \"momentun\", did you mean \"momentum\"? "
                        + "(fix: valid keys here: clip_norm, dampening, lr, momentum, name, nesterov, weight_decay)",
                errorPlanning(MINIMAL.replace("  lr: 0.1\n", "  lr: 0.1\n  momentun: 0.9\n")));
        assertEquals("x.yaml:10:26: schedule.warmup_epoch: unknown key \"warmup_epoch\", did you mean \"warmup_epochs\"? "
                        + "(fix: valid keys here: min_lr, name, period, warmup_epochs)",
                errorPlanning(MINIMAL + "schedule: {name: cosine, warmup_epoch: 1}\n"));
    }
}
