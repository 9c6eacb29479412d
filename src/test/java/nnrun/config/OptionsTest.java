package nnrun.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static nnrun.config.ConfigFiles.errorOf;
import static nnrun.config.ConfigFiles.load;
import static nnrun.config.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Options as another layer uses them: it names the keys it knows and reads typed values; every
 * problem comes back with the line of the block. The allowed sets here are made up for the examples.
 */
class OptionsTest {
    static final Set<String> CONV_KEYS = Set.of("out", "kernel", "stride", "padding", "bias");

    @TempDir Path dir;
    List<ComponentSpec> blocks;
    String file;

    @BeforeEach
    void loadBlocks() {
        Path path = write(dir, "blocks.yaml", """
                data: {dataset: mnist}
                optimizer: {lr: 0.1}
                train: {epochs: 1}
                model:
                  - conv2d: {out: 32, kernel: [3, 5], stride: 2}
                  - dropout: 0.5
                  - batchnorm: {momentum: 1.5, eps: tiny}
                  - linaer: {out: 10}
                  - conv2d: {outt: 8, kernel: [3]}
                  - relu: 3
                """);
        file = path.toString();
        blocks = load(path).model();
    }

    Options block(int index) {
        return blocks.get(index).options();
    }

    @Test
    void typedGettersReadWhatIsSetAndFallBackOtherwise() {
        Options conv = block(0);
        conv.requireOnly(CONV_KEYS);

        assertEquals(32, conv.getInt("out", Range.atLeast(1)));
        assertEquals(new IntPair(3, 5), conv.getIntPair("kernel", Range.atLeast(1)));
        assertEquals(2, conv.getInt("stride", 1, Range.atLeast(1)));
        assertEquals(IntPair.square(0), conv.getIntPair("padding", IntPair.square(0), Range.atLeast(0)));
        assertEquals(true, conv.getBoolean("bias", true));
        assertEquals("model.0.conv2d", conv.path());
    }

    @Test
    void aSingleValueIsTheValueOption() {
        Options dropout = block(1);
        dropout.requireOnly(Set.of(Options.VALUE));

        assertEquals(0.5, dropout.getDouble(Options.VALUE, Range.closedOpen(0, 1)));
    }

    @Test
    void anUnknownOptionSuggestsTheClosestAllowedOne() {
        assertEquals(file + ":9:14: model.4.conv2d.outt: unknown key \"outt\", did you mean \"out\"? "
                        + "(fix: valid keys here: bias, kernel, out, padding, stride)",
                errorOf(() -> block(4).requireOnly(CONV_KEYS)));
    }

    @Test
    void aBlockWithoutOptionsRejectsASingleValue() {
        assertEquals(file + ":10:11: model.5.relu: takes no single value (fix: remove the value)",
                errorOf(() -> block(5).requireOnly(Set.of())));
    }

    @Test
    void outOfRangeAndWrongTypeOptionsNameTheirKey() {
        Options norm = block(2);
        assertEquals(file + ":7:27: model.2.batchnorm.momentum: must be in [0, 1], got 1.5 (fix: choose a value in [0, 1])",
                errorOf(() -> norm.getDouble("momentum", 0.1, Range.closed(0, 1))));
        assertEquals(file + ":7:37: model.2.batchnorm.eps: expected a number, got \"tiny\" (fix: write a number for eps)",
                errorOf(() -> norm.getDouble("eps", 1e-5, Range.greaterThan(0))));
        assertEquals(file + ":9:31: model.4.conv2d.kernel: expected a whole number or a pair [a, b], got a list "
                        + "(fix: write a whole number or a pair [a, b] for kernel)",
                errorOf(() -> block(4).getIntPair("kernel", Range.atLeast(1))));
    }

    @Test
    void aSingleValueOutOfRangeIsReportedAtTheBlock() {
        Path path = write(dir, "drop.yaml", "data: {dataset: mnist}\noptimizer: {lr: 0.1}\ntrain: {epochs: 1}\nmodel: [dropout: 1.5]\n");
        Options dropout = load(path).model().get(0).options();

        assertEquals(path + ":4:18: model.0.dropout: must be in [0, 1), got 1.5 (fix: choose a value in [0, 1))",
                errorOf(() -> dropout.getDouble(Options.VALUE, Range.closedOpen(0, 1))));
    }

    @Test
    void aMissingRequiredOptionPointsAtTheBlock() {
        assertEquals(file + ":9:5: model.4.conv2d.out: required, but not set (fix: add out under model.4.conv2d)",
                errorOf(() -> block(4).getInt("out", Range.atLeast(1))));
    }

    @Test
    void anUnknownBlockNameSuggestsTheClosestRegisteredOne() {
        ComponentSpec typo = blocks.get(3);

        assertEquals(file + ":8:5: model.3.linaer: unknown block \"linaer\", did you mean \"linear\"? "
                        + "(fix: use one of: conv2d, dropout, linear, relu)",
                errorOf(() -> { throw typo.unknownName("block", Set.of("linear", "conv2d", "relu", "dropout")); }));
    }

    @Test
    void aTypoOfACommonDataKeyIsCaughtWhenTheDataLayerChecksItsOwnKeys() {
        Path path = write(dir, "typo.yaml", "data: {dataset: mnist, normalise: false}\noptimizer: {lr: 0.1}\ntrain: {epochs: 1}\nmodel: [relu]\n");
        Options mnist = load(path).data().dataset().options();

        assertEquals(path + ":1:24: data.normalise: unknown key \"normalise\", did you mean \"normalize\"? "
                        + "(fix: valid keys here: augment, dataset, normalize, validation)",
                errorOf(() -> mnist.requireOnly(Set.of())));
    }

    @Test
    void optionsAreEqualByValueWhereverTheyWereWritten() {
        Path other = write(dir, "other.yaml", "data: {dataset: mnist}\noptimizer: {lr: 0.1}\ntrain: {epochs: 1}\n\n\n"
                + "model:\n  - conv2d:\n      out: 32\n      kernel: [3, 5]\n      stride: 2\n");
        ComponentSpec same = load(other).model().get(0);

        assertEquals(blocks.get(0), same);
        assertNotEquals(blocks.get(0).where(), same.where());
        assertNotEquals(blocks.get(0), blocks.get(4));
        assertFalse(block(3).has("bias"));
    }
}
