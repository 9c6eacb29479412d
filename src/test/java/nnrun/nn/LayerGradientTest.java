package nnrun.nn;

import static nnrun.nn.LayerGradCheck.assertGradients;
import static nnrun.nn.LayerGradCheck.assertLayer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;
import nnrun.nn.init.WeightInit;
import nnrun.ops.BatchNormOp;
import nnrun.ops.Conv2dOp;

/**
 * Every layer's derivatives against central differences, for its input (reverse and forward
 * mode) and its parameters, in train and eval mode.
 */
class LayerGradientTest {
    private final Generator g = new Generator(42);

    private Tensor image(int n, int c, int h, int w) { return Tensor.rand(g, -1f, 1f, n, c, h, w); }

    /** Values spaced at least 0.05 apart, so ±h never crosses a kink of relu or a tie of max. */
    private Tensor spread(int... shape) {
        int n = nnrun.autodiff.Shapes.numel(shape);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = (i - n / 2f) * 0.05f + 0.0123f;
        for (int i = n - 1; i > 0; i--) { int j = g.nextInt(i + 1); float t = d[i]; d[i] = d[j]; d[j] = t; }
        return Tensor.of(d, shape);
    }

    private static Module inMode(Module m, boolean train) { return train ? m.train() : m.eval(); }

    @ParameterizedTest(name = "train={0}")
    @ValueSource(booleans = {true, false})
    void linearWithAndWithoutBias(boolean train) {
        assertLayer(inMode(new Linear(4, 3, true, WeightInit.PYTORCH_DEFAULT, g), train), Tensor.rand(g, -1, 1, 5, 4));
        assertLayer(inMode(new Linear(4, 3, false, WeightInit.XAVIER_NORMAL, g), train), Tensor.rand(g, -1, 1, 5, 4));
    }

    @ParameterizedTest(name = "train={0}")
    @ValueSource(booleans = {true, false})
    void conv2dWithStridePaddingAndDilation(boolean train) {
        Module plain = new Conv2d(2, 3, 3, 1, g);
        Module strided = new Conv2d(2, 2, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 0}, new int[] {1, 2}, false,
                WeightInit.KAIMING_UNIFORM, g);
        assertLayer(inMode(plain, train), image(2, 2, 5, 5));
        assertLayer(inMode(strided, train), image(1, 2, 6, 5));
    }

    @ParameterizedTest(name = "train={0}")
    @ValueSource(booleans = {true, false})
    void pooling(boolean train) {
        assertLayer(inMode(new MaxPool2d(2), train), spread(2, 2, 4, 4));
        assertLayer(inMode(new MaxPool2d(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}), train), spread(1, 2, 5, 5));
        assertLayer(inMode(new AvgPool2d(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}), train), image(1, 2, 5, 5));
        assertLayer(inMode(new GlobalAvgPool(), train), image(2, 3, 3, 2));
        assertLayer(inMode(new Flatten(), train), image(2, 3, 2, 2));
    }

    @ParameterizedTest(name = "train={0}")
    @ValueSource(booleans = {true, false})
    void activations(boolean train) {
        for (Module m : new Module[] {new ReLU(), new LeakyReLU(0.1), new Sigmoid(), new Tanh(), new Softmax()})
            assertLayer(inMode(m, train), spread(3, 5));
    }

    @Test
    void dropoutInTrainingScalesTheKeptValuesAndZeroesTheRest() {
        // A fresh layer with the same seed per evaluation draws the same mask each time.
        assertGradients(in -> new Dropout(0.4, new Generator(3)).forward(in[0]), Tensor.rand(g, -1, 1, 4, 6));
    }

    @Test
    void dropoutInEvaluationIsTheIdentity() {
        assertLayer(new Dropout(0.4, new Generator(3)).eval(), Tensor.rand(g, -1, 1, 4, 6));
    }

    @ParameterizedTest(name = "train={0}")
    @ValueSource(booleans = {true, false})
    void batchNorm(boolean train) {
        BatchNorm1d bn1 = new BatchNorm1d(3);
        BatchNorm2d bn2 = new BatchNorm2d(2);
        for (BatchNorm bn : new BatchNorm[] {bn1, bn2}) { // non-trivial γ, β and running statistics
            bn.weight().mutableData()[0] = 1.5f;
            bn.bias().mutableData()[1] = -0.3f;
            bn.runningMean().mutableData()[1] = 0.2f;
            bn.runningVar().mutableData()[0] = 0.7f;
        }
        assertLayer(inMode(bn1, train), Tensor.rand(g, -1, 1, 5, 3));
        assertLayer(inMode(bn2, train), image(3, 2, 2, 3));
    }

    @Test
    void fusedOpsWithAllInputsVarying() {
        int[] one = {1, 1};
        assertGradients(in -> Conv2dOp.apply(in[0], in[1], in[2], new int[] {2, 1}, one, one),
                image(1, 2, 4, 4), image(3, 2, 2, 3), Tensor.rand(g, -1, 1, 3));
        assertGradients(in -> BatchNormOp.apply(in[0], in[1], in[2], 1e-5f).y(),
                image(3, 2, 2, 2), Tensor.rand(g, 0.5f, 2f, 2), Tensor.rand(g, -1, 1, 2));
        assertGradients(in -> new MaxPool2d(2).forward(in[0]), spread(1, 2, 4, 4));
        assertGradients(in -> new AvgPool2d(2).forward(in[0]), image(1, 2, 4, 4));
    }
}
