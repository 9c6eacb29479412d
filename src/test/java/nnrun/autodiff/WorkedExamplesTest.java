package nnrun.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The lecture slides' worked examples, with their numbers. */
class WorkedExamplesTest {

    private static Tensor leaf(float v) { return Tensor.scalar(v).requiresGrad(true); }

    @Test
    void reverseModeOnLnPlusProductMinusSine() {
        // f(x1, x2) = ln(x1) + x1·x2 − sin(x2) at (2, 5)
        Tensor x1 = leaf(2), x2 = leaf(5);
        Tensor y = x1.log().add(x1.mul(x2)).sub(x2.sin());
        y.backward();
        assertEquals(11.652, y.item(), 1e-3);
        assertEquals(5.5, x1.grad().item(), 1e-4);
        assertEquals(1.716, x2.grad().item(), 1e-3);
    }

    @Test
    void forwardModeGivesTheSameDerivatives() {
        // Seeding the tangent of x1 (then x2) with 1 gives ∂y/∂x1 (then ∂y/∂x2) in one forward pass.
        Tensor x1 = Tensor.scalar(2).withTangent(Tensor.scalar(1)), x2 = Tensor.scalar(5).withTangent(Tensor.scalar(0));
        assertEquals(5.5, x1.log().add(x1.mul(x2)).sub(x2.sin()).tangent().item(), 1e-4);
        x1 = Tensor.scalar(2).withTangent(Tensor.scalar(0));
        x2 = Tensor.scalar(5).withTangent(Tensor.scalar(1));
        assertEquals(1.716, x1.log().add(x1.mul(x2)).sub(x2.sin()).tangent().item(), 1e-3);
    }

    @Test
    void gradientsFromTwoPathsAreSummed() {
        // f = x1·x2 + sin(x2): x2 feeds both terms, so ∂f/∂x2 = x1 + cos(x2).
        Tensor x1 = leaf(2), x2 = leaf(5);
        x1.mul(x2).add(x2.sin()).backward();
        assertEquals(2 + Math.cos(5), x2.grad().item(), 1e-5);
    }

    @Test
    void sigmoidOfAMatrix() {
        Tensor u = Tensor.matrix(new float[][] {{1, 2}, {3, 4}}).requiresGrad(true);
        Tensor s = u.sigmoid();
        assertTrue(s.toString().endsWith("grad_fn=<SigmoidBackward>)"), s.toString());
        s.sum().backward();
        assertEquals("tensor([[0.1966, 0.1050], [0.0452, 0.0177]])", u.grad().toString());
    }

    @Test
    void logisticNeuronAndOneSgdStep() {
        // L = −log σ(y·(w1·x1 + w2·x2)), y = +1, x1 = 2, w1 = −1, w2·x2 = 1
        Tensor w1 = leaf(-1), x1 = Tensor.scalar(2), w2x2 = Tensor.scalar(1), y = Tensor.scalar(1);
        Tensor loss = y.mul(w1.mul(x1).add(w2x2)).sigmoid().log().neg();
        loss.backward();
        double expected = -2 * (1 - 1 / (1 + Math.exp(1)));
        assertEquals(expected, w1.grad().item(), 1e-5);
        assertEquals(-1.462, w1.grad().item(), 1e-3);
        try (var off = GradMode.off()) {
            w1.addInPlace(-1f, w1.grad()); // α = 1
        }
        assertEquals(0.462, w1.item(), 1e-3);
    }

    @Test
    void linearLayerGradientIsAnOuterProduct() {
        // z = W x, L = vᵀ z: ∂L/∂W = v xᵀ (the shape of W), ∂L/∂x = Wᵀ v.
        Tensor w = Tensor.matrix(new float[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad(true);
        Tensor x = Tensor.matrix(new float[][] {{1}, {-1}, {2}}).requiresGrad(true);
        Tensor v = Tensor.matrix(new float[][] {{3}, {-2}});
        w.matmul(x).mul(v).sum().backward();
        assertArrayEquals(new int[] {2, 3}, w.grad().shape());
        assertArrayEquals(new float[] {3, -3, 6, -2, 2, -4}, w.grad().toArray());
        assertArrayEquals(new float[] {-5, -4, -3}, x.grad().toArray());
    }

    @Test
    void logisticLossOpGivesTheSameGradientAsTheChain() {
        // "This is the logistic loss!": −log σ(y·z) = log(1 + exp(−y·z)), here as one stable op.
        Tensor w1 = leaf(-1);
        Tensor z = w1.mul(Tensor.scalar(2)).add(Tensor.scalar(1)).reshape(1);
        z.logisticLoss(Tensor.vector(1)).backward();
        assertEquals(-1.462, w1.grad().item(), 1e-3);
    }

    @Test
    void vjpOfDoublingIsTwoWithoutAnNByNJacobian() {
        // g(y) = 2y, L = sum: vjp_g([1, ..., 1]) = [2, ..., 2]. With N = 1,000,000 the Jacobian
        // would hold 10^12 floats (4 TB); the VJP only ever holds N.
        int n = 1_000_000;
        Functional.Result r = Functional.vjp(y -> y.mul(2f), Tensor.randn(new Generator(1), n), Tensor.ones(n));
        assertArrayEquals(new int[] {n}, r.derivative().shape());
        float[] d = r.derivative().data();
        for (int i = 0; i < n; i += 99_999) assertEquals(2f, d[i]);
        assertEquals(2.0 * n, r.derivative().sum().item(), 1);
    }

    @Test
    void selectEvenElementsPassesGradientOnlyToEvenPositions() {
        // SEE(x) = x[0::2]; L = sum(SEE(x)) → ∂L/∂x = [1, 0, 1, 0, ...]
        Tensor x = Tensor.vector(3, 4, 2, 1, 9, 5, 6).requiresGrad(true);
        Tensor see = x.slice(0, 0, 7, 2);
        assertEquals("tensor([3.0000, 2.0000, 9.0000, 6.0000], grad_fn=<SliceBackward>)", see.toString());
        see.sum().backward();
        assertArrayEquals(new float[] {1, 0, 1, 0, 1, 0, 1}, x.grad().toArray());
    }
}
