package nnrun.nn;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;
import nnrun.nn.init.WeightInit;

/** Layer outputs against numbers worked by hand or recorded from PyTorch by scripts/torch_reference_numbers.py. */
class LayerForwardTest {

    private static Tensor arange(float offset, float scale, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.mutableData();
        for (int i = 0; i < d.length; i++) d[i] = (i + offset) * scale;
        return t;
    }

    private static void assertValues(float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, "number of values");
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol, "value " + i);
    }

    @Test
    void linearComputesXTimesWTransposePlusBias() {
        Linear layer = new Linear(2, 2, true, WeightInit.PYTORCH_DEFAULT, new Generator(1));
        set(layer.weight(), Tensor.vector(1, 2, 3, 4));
        set(layer.bias(), Tensor.vector(0.5f, -1));
        // [1, 1]·[[1, 3], [2, 4]] + [0.5, -1] = [3.5, 6]
        assertValues(new float[] {3.5f, 6f}, layer.forward(Tensor.matrix(new float[][] {{1, 1}})).toArray(), 0);
    }

    @Test
    void conv2dMatchesPyTorchWithStrideAndPadding() {
        Conv2d conv = new Conv2d(2, 2, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, true,
                WeightInit.PYTORCH_DEFAULT, new Generator(1));
        set(conv.weight(), arange(-18, 0.1f, 2, 2, 3, 3));
        set(conv.bias(), Tensor.vector(0.5f, -0.5f));
        Tensor y = conv.forward(arange(0, 0.1f, 1, 2, 4, 4));
        assertArrayEquals(new int[] {1, 2, 2, 2}, y.shape());
        assertValues(new float[] {-2.66f, -6.26f, -12.01f, -22.24f, 11.46f, 18.66f, 22.63f, 35.08f}, y.toArray(), 1e-4);
    }

    @Test
    void dilatedConv2dMatchesPyTorch() {
        Conv2d conv = new Conv2d(2, 2, new int[] {3, 3}, new int[] {1, 1}, new int[] {2, 2}, new int[] {2, 2}, false,
                WeightInit.PYTORCH_DEFAULT, new Generator(1));
        set(conv.weight(), arange(-18, 0.1f, 2, 2, 3, 3));
        Tensor y = conv.forward(arange(0, 0.1f, 1, 2, 4, 4));
        assertArrayEquals(new int[] {1, 2, 4, 4}, y.shape());
        float[] v = y.toArray();
        assertEquals(-4.4f, v[0], 1e-4);
        assertEquals(-13.16f, v[15], 1e-4);
        assertEquals(14.32f, v[16], 1e-4);
        assertEquals(12.76f, v[31], 1e-4);
    }

    @Test
    void batchNorm2dMatchesPyTorchInTrainingAndThenInEvaluation() {
        BatchNorm2d bn = new BatchNorm2d(2);
        set(bn.weight(), Tensor.vector(1.5f, 0.5f));
        set(bn.bias(), Tensor.vector(0.1f, -0.2f));
        Tensor x = arange(0, 1, 3, 2, 2, 2).sin();
        assertValues(new float[] {0.11850427f, 1.9674555f, 2.1164896f, 0.42858508f},
                java.util.Arrays.copyOf(bn.forward(x).toArray(), 4), 1e-5);
        // running = 0.9·initial + 0.1·batch statistics, with the unbiased variance
        assertValues(new float[] {-0.00084214256f, 0.0090071904f}, bn.runningMean().toArray(), 1e-6);
        assertValues(new float[] {0.95083803f, 0.95475352f}, bn.runningVar().toArray(), 1e-6);
        bn.eval();
        assertValues(new float[] {0.10129546f, 1.3957144f, 1.5000505f, 0.3183777f},
                java.util.Arrays.copyOf(bn.forward(x).toArray(), 4), 1e-5);
    }

    @Test
    void maxAndAveragePoolingOfAFourByFour() {
        Tensor x = arange(0, 1, 1, 1, 4, 4); // rows 0..3, 4..7, 8..11, 12..15
        assertValues(new float[] {5, 7, 13, 15}, new MaxPool2d(2).forward(x).toArray(), 0);
        assertValues(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, new AvgPool2d(2).forward(x).toArray(), 0);
        assertValues(new float[] {7.5f}, new GlobalAvgPool().forward(x).toArray(), 0);
    }

    @Test
    void dropoutKeepsAboutOneMinusPScaledUpAndPassesThroughInEvaluation() {
        Dropout dropout = new Dropout(0.25, new Generator(7));
        float[] y = dropout.forward(Tensor.ones(100, 100)).toArray();
        int kept = 0;
        for (float v : y) {
            assertTrue(v == 0f || Math.abs(v - 1f / 0.75f) < 1e-6, "values are 0 or 1/(1−p)");
            if (v != 0f) kept++;
        }
        assertEquals(7500, kept, 150, "about 75% kept");
        Tensor x = Tensor.ones(3, 3);
        assertSame(x, dropout.eval().forward(x));
    }

    @Test
    void dropoutWithTheSameSeedDrawsTheSameMask() {
        Tensor x = Tensor.ones(4, 8);
        assertArrayEquals(new Dropout(0.5, new Generator(11)).forward(x).toArray(),
                new Dropout(0.5, new Generator(11)).forward(x).toArray());
    }

    @Test
    void softmaxRowsArePositiveAndSumToOne() {
        float[] p = new Softmax().forward(Tensor.matrix(new float[][] {{1, 2, 3}, {1000, 1000, 1000}})).toArray();
        assertEquals(0.09003057, p[0], 1e-6);
        assertEquals(0.66524096, p[2], 1e-6);
        assertEquals(1 / 3.0, p[4], 1e-6, "large logits do not overflow");
    }

    @Test
    void parametersAreNamedByPositionInASequential() {
        Generator g = new Generator(3);
        Sequential model = new Sequential(new Conv2d(1, 2, 3, 1, g), new BatchNorm2d(2), new ReLU(), new Flatten(),
                new Linear(8, 2, g));
        assertEquals(java.util.List.of("0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"),
                java.util.List.copyOf(model.namedParameters().keySet()));
        assertEquals(java.util.List.of("1.running_mean", "1.running_var"), java.util.List.copyOf(model.namedBuffers().keySet()));
        assertEquals("4.weight", model.namedParameters().get("4.weight").label());
        model.eval();
        assertFalse(model.get(1).isTraining(), "eval reaches the children");
    }

    /** Overwrites a parameter's values (as a checkpoint load would), outside the graph. */
    static void set(Tensor target, Tensor values) {
        try (var s = nnrun.autodiff.GradMode.off()) { target.copyFrom(Tensor.of(values.toArray(), target.shape())); }
    }
}
