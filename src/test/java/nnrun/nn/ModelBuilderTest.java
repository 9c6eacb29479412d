package nnrun.nn;

import nnrun.config.ComponentSpec;
import nnrun.config.ConfigException;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;

/** Building stacks from config blocks: shape inference, the slides' exercise, the summary, and stacks that cannot work. */
class ModelBuilderTest {
    private final ModelBuilder builder = new ModelBuilder();

    private static ComponentSpec block(String name, Object... keyValues) {
        Map<String, Object> options = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) options.put((String) keyValues[i], keyValues[i + 1]);
        return ComponentSpec.of(name, options);
    }

    private Sequential build(int[] input, ComponentSpec... blocks) { return builder.build(List.of(blocks), input, new Generator(1)); }

    private ConfigException buildFails(int[] input, ComponentSpec... blocks) {
        return assertThrows(ConfigException.class, () -> build(input, blocks));
    }

    @Test
    void slidesExerciseTenFiveByFiveFiltersWithPaddingTwoKeepThirtyTwoByThirtyTwo() {
        Sequential model = build(new int[] {3, 32, 32}, block("conv2d", "out", 10, "kernel", 5, "stride", 1, "padding", 2));
        assertArrayEquals(new int[] {10, 32, 32}, model.outputShape(new int[] {3, 32, 32}));
        assertEquals(760, model.parameterCount(), "10·(5·5·3 + 1)");
    }

    @Test
    void slidesExerciseSevenBySevenInputWithAThreeByThreeFilter() {
        int[] in = {1, 7, 7};
        assertArrayEquals(new int[] {1, 5, 5}, build(in, block("conv2d", "out", 1, "kernel", 3)).outputShape(in));
        assertArrayEquals(new int[] {1, 3, 3}, build(in, block("conv2d", "out", 1, "kernel", 3, "stride", 2)).outputShape(in));
    }

    @Test
    void linearInfersItsInputFeaturesFromThePreviousBlock() {
        int[] in = {3, 32, 32};
        Sequential model = build(in,
                block("conv2d", "out", 16, "kernel", 3, "padding", "same"),
                block("relu"),
                block("maxpool2d", "kernel", 2),
                block("flatten"),
                block("linear", "out", 10));
        assertArrayEquals(new int[] {16, 16, 16}, model.get(2).outputShape(new int[] {16, 32, 32}));
        assertEquals(16 * 16 * 16, ((Linear) model.get(4)).weight().dim(1), "4096 features inferred");
        assertArrayEquals(new int[] {10}, model.outputShape(in));
        assertArrayEquals(new int[] {5, 10}, model.forward(Tensor.zeros(5, 3, 32, 32)).shape());
    }

    @Test
    void everyRegisteredBlockBuildsFromItsConfigName() {
        ComponentSpec[] blocks = {
                block("conv2d", "out", 4, "kernel", List.of(3, 3), "dilation", 2, "padding", "same", "bias", false, "init", "he_normal"),
                block("batchnorm2d", "momentum", 0.2),
                block("leaky_relu", "slope", 0.2),
                block("avgpool2d", "kernel", 2, "stride", 2),
                block("maxpool2d", "kernel", 2, "stride", 1, "padding", 1),
                block("global_avgpool"),
                block("linear", "out", 6, "init", "glorot_uniform"),
                block("batchnorm1d"),
                block("tanh"),
                block("dropout", "rate", 0.1),
                block("sigmoid"),
                block("relu"),
                block("flatten"),
                block("linear", "out", 3, "bias", false),
                block("softmax")};
        assertEquals(java.util.Set.copyOf(Blocks.REGISTRY.names()),
                java.util.Arrays.stream(blocks).map(ComponentSpec::name).collect(java.util.stream.Collectors.toSet()), "all blocks used");
        Sequential model = build(new int[] {2, 8, 8}, blocks);
        assertArrayEquals(new int[] {3}, model.outputShape(new int[] {2, 8, 8}));
        assertEquals(4, model.forward(Tensor.rand(new Generator(2), -1, 1, 4, 2, 8, 8)).dim(0));
    }

    @Test
    void sameConfigAndSeedGiveTheSameWeights() {
        ComponentSpec[] blocks = {block("conv2d", "out", 3, "kernel", 3), block("flatten"), block("linear", "out", 4)};
        Sequential a = build(new int[] {1, 5, 5}, blocks), b = build(new int[] {1, 5, 5}, blocks);
        for (String name : a.namedParameters().keySet())
            assertArrayEquals(a.namedParameters().get(name).toArray(), b.namedParameters().get(name).toArray(), name);
    }

    @Test
    void aConvolutionAfterFlattenIsRejectedWithTheFix() {
        ConfigException e = buildFails(new int[] {3, 8, 8}, block("flatten"), block("conv2d", "out", 4, "kernel", 3));
        assertTrue(e.getMessage().contains("block 1 \'"), e.getMessage());
        assertTrue(e.getMessage().contains("block 1 'conv2d', input 192 (from block 0 'flatten')"), e.getMessage());
        assertTrue(e.getMessage().contains("flat vector of 192 features"), e.getMessage());
        assertTrue(e.getMessage().contains("move flatten after the last of them"), e.getMessage());
    }

    @Test
    void aKernelLargerThanItsPaddedInputIsRejected() {
        ConfigException e = buildFails(new int[] {1, 8, 8},
                block("maxpool2d", "kernel", 2), block("maxpool2d", "kernel", 2), block("conv2d", "out", 4, "kernel", 5));
        assertTrue(e.getMessage().contains("block 2 \'"), e.getMessage());
        assertTrue(e.getMessage().contains("input 1×2×2 (from block 1 'maxpool2d')"), e.getMessage());
        assertTrue(e.getMessage().contains("kernel 5×5 does not fit the padded input 2×2"), e.getMessage());
        assertTrue(e.getMessage().contains("padding: same"), e.getMessage());
    }

    @Test
    void aZeroWidthLayerIsRejected() {
        ConfigException e = buildFails(new int[] {4}, block("linear", "out", 8), block("linear", "out", 0));
        assertTrue(e.getMessage().contains("out: must be >= 1, got 0"), e.getMessage());
    }

    @Test
    void aNegativeDropoutRateIsRejected() {
        ConfigException e = buildFails(new int[] {4}, block("dropout", "rate", -0.1));
        assertTrue(e.getMessage().contains("dropout.rate: must be in [0, 1), got -0.1"),
                e.getMessage());
    }

    @Test
    void aMisspelledOptionIsRejectedWithTheOptionsThatExist() {
        ConfigException e = buildFails(new int[] {4}, block("linear", "outs", 8));
        assertTrue(e.getMessage().contains("unknown key \"outs\", did you mean \"out\"?"), e.getMessage());
        e = buildFails(new int[] {4}, block("linear", "out", 8, "bais", false));
        assertTrue(e.getMessage().contains("unknown key \"bais\", did you mean \"bias\"? (fix: valid keys here: bias, init, out)"),
                e.getMessage());
    }

    @Test
    void linearOnAnImageAsksForFlatten() {
        ConfigException e = buildFails(new int[] {3, 4, 4}, block("linear", "out", 8));
        assertTrue(e.getMessage().contains("add a flatten (or global_avgpool) block before it"), e.getMessage());
    }

    @Test
    void theWrongBatchNormForTheInputSaysWhichOneFits() {
        ConfigException e = buildFails(new int[] {3, 4, 4}, block("conv2d", "out", 8, "kernel", 3), block("batchnorm1d"));
        assertTrue(e.getMessage().contains("input 8×2×2 (from block 0 'conv2d')"), e.getMessage());
        assertTrue(e.getMessage().contains("use batchnorm2d after a convolution"), e.getMessage());
    }

    @Test
    void paddingSameNeedsAnOddKernelAndStrideOne() {
        ConfigException e = buildFails(new int[] {3, 8, 8}, block("conv2d", "out", 8, "kernel", 3, "stride", 2, "padding", "same"));
        assertTrue(e.getMessage().contains("padding 'same' needs stride 1, got stride 2"), e.getMessage());
        e = buildFails(new int[] {3, 8, 8}, block("conv2d", "out", 8, "kernel", 4, "padding", "same"));
        assertTrue(e.getMessage().contains("use an odd kernel"), e.getMessage());
    }

    @Test
    void anUnknownBlockListsTheKnownOnes() {
        ConfigException e = buildFails(new int[] {4}, block("dense", "out", 8));
        assertTrue(e.getMessage().contains("unknown block \"dense\"") && e.getMessage().contains("use one of: avgpool2d, batchnorm1d"), e.getMessage());
    }

    @Test
    void summaryListsShapesParametersAndFlopsWithTotals() {
        int[] in = {3, 32, 32};
        Sequential model = build(in,
                block("conv2d", "out", 10, "kernel", 5, "padding", 2),
                block("relu"),
                block("maxpool2d", "kernel", 2),
                block("flatten"),
                block("linear", "out", 10));
        ModelSummary s = ModelSummary.of(model, in);
        assertEquals(760 + 2560 * 10 + 10, s.totalParameters());
        // conv: 32·32 positions · 10 filters · (2·75 + 1); relu 10240; pool 2560·4; linear 2·2560·10 + 10
        long conv = 1024L * 10 * 151;
        assertEquals(conv, s.rows().get(0).flops());
        assertEquals(1024L * 10 * 75, s.rows().get(0).macs(), "one multiply-add per weight per output position");
        assertEquals(1024L * 10 * 75 + 2560 * 10, s.totalMacs(), "only conv and linear layers multiply-add");
        assertEquals(conv + 10240 + 2560 * 4 + 2 * 2560 * 10 + 10, s.totalFlops());
        String text = s.toString();
        assertTrue(text.lines().anyMatch(l -> l.matches(
                "0 +Conv2d\\(3 → 10, kernel 5×5, stride 1×1, padding 2×2\\) +10×32×32 +760 +768,000 +1,546,240")), text);
        assertTrue(text.contains("Total parameters: 26,370"), text);
    }
}
