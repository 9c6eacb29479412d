package nnrun.ops;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import nnrun.autodiff.Tensor;

/** Hand-computed values and gradients of the ops, one small case each. */
class OpsForwardAndGradientTest {

    private static Tensor v(float... values) { return Tensor.vector(values).requiresGrad(true); }

    @Test
    void maxRoutesTheGradientToTheSelectedElement() {
        Tensor x = v(1, 7, 3, 7);
        Tensor m = x.max();
        assertEquals(7, m.item());
        m.backward();
        assertArrayEquals(new float[] {0, 1, 0, 0}, x.grad().toArray()); // first of the tied 7s

        Tensor w = Tensor.matrix(new float[][] {{1, 5, 2}, {8, 0, 3}}).requiresGrad(true);
        Tensor rowMax = w.max(1, false);
        assertArrayEquals(new float[] {5, 8}, rowMax.toArray());
        assertArrayEquals(new int[] {1, 0}, w.argmax(1));
        rowMax.mul(Tensor.vector(10, 20)).sum().backward();
        assertArrayEquals(new float[] {0, 10, 0, 20, 0, 0}, w.grad().toArray());
    }

    @Test
    void elementwiseMaximumSplitsTiesAndBroadcasts() {
        Tensor a = v(1, 4, 2), b = Tensor.scalar(2).requiresGrad(true);
        Tensor m = a.maximum(b);
        assertArrayEquals(new float[] {2, 4, 2}, m.toArray());
        m.sum().backward();
        assertArrayEquals(new float[] {0, 1, 0.5f}, a.grad().toArray());
        assertEquals(1.5f, b.grad().item()); // 1 from the first element, ½ from the tie
    }

    @Test
    void whereTakesTheGradientOfThePickedSide() {
        Tensor a = v(1, 2, 3), b = v(10, 20, 30);
        Tensor w = Tensor.where(Tensor.vector(1, 0, 1), a, b);
        assertArrayEquals(new float[] {1, 20, 3}, w.toArray());
        w.sum().backward();
        assertArrayEquals(new float[] {1, 0, 1}, a.grad().toArray());
        assertArrayEquals(new float[] {0, 1, 0}, b.grad().toArray());
    }

    @Test
    void powSqrtAbsTanhCosLeakyRelu() {
        Tensor x = v(-2, 0.5f, 3);
        x.pow(3).sum().backward();
        assertArrayEquals(new float[] {12, 0.75f, 27}, x.grad().toArray(), 1e-5f);
        Tensor s = v(4);
        s.sqrt().backward();
        assertEquals(0.25f, s.grad().item(), 1e-6f);
        Tensor a = v(-3, 0, 2);
        a.abs().sum().backward();
        assertArrayEquals(new float[] {-1, 0, 1}, a.grad().toArray());
        Tensor t = v(0.5f);
        t.tanh().backward();
        assertEquals(1 - Math.pow(Math.tanh(0.5), 2), t.grad().item(), 1e-6);
        Tensor c = v(1);
        c.cos().backward();
        assertEquals(-Math.sin(1), c.grad().item(), 1e-6);
        Tensor l = v(-2, 3);
        Tensor leaky = l.leakyRelu(0.1f);
        assertArrayEquals(new float[] {-0.2f, 3}, leaky.toArray(), 1e-7f);
        leaky.sum().backward();
        assertArrayEquals(new float[] {0.1f, 1}, l.grad().toArray(), 1e-7f);
    }

    @Test
    void powWithATensorExponent() {
        Tensor base = v(2), exponent = v(3);
        Tensor y = base.pow(exponent);
        assertEquals(8, y.item());
        y.backward();
        assertEquals(12, base.grad().item(), 1e-5);                    // 3·2²
        assertEquals(8 * Math.log(2), exponent.grad().item(), 1e-5);   // 2³·ln 2
    }

    @Test
    void indexSelectSumsRepeatsAndGatherPicksPerRow() {
        Tensor x = Tensor.matrix(new float[][] {{1, 2}, {3, 4}, {5, 6}}).requiresGrad(true);
        Tensor rows = x.indexSelect(0, 2, 0, 2);
        assertArrayEquals(new float[] {5, 6, 1, 2, 5, 6}, rows.toArray());
        rows.sum().backward();
        assertArrayEquals(new float[] {1, 1, 0, 0, 2, 2}, x.grad().toArray());

        Tensor logits = Tensor.matrix(new float[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad(true);
        Tensor picked = logits.gather(1, new int[][] {{2}, {0}});
        assertArrayEquals(new int[] {2, 1}, picked.shape());
        assertArrayEquals(new float[] {3, 4}, picked.toArray());
        picked.sum().backward();
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, logits.grad().toArray());
    }

    @Test
    void concatSplitsTheGradientBack() {
        Tensor a = Tensor.matrix(new float[][] {{1}, {2}}).requiresGrad(true);
        Tensor b = Tensor.matrix(new float[][] {{3, 4}, {5, 6}}).requiresGrad(true);
        Tensor c = Tensor.concat(1, a, b);
        assertEquals("tensor([[1.0000, 3.0000, 4.0000], [2.0000, 5.0000, 6.0000]], grad_fn=<ConcatBackward>)", c.toString());
        c.mul(Tensor.vector(1, 10, 100)).sum().backward();
        assertArrayEquals(new float[] {1, 1}, a.grad().toArray());
        assertArrayEquals(new float[] {10, 100, 10, 100}, b.grad().toArray());
    }

    @Test
    void softmaxAndLogSoftmaxAreStableForHugeLogits() {
        // 1000 + ln 3 rounds to a float 4e-5 away, hence the tolerance.
        Tensor z = Tensor.vector(1000, 1000 + (float) Math.log(3));
        assertArrayEquals(new float[] {0.25f, 0.75f}, z.softmax(0).toArray(), 2e-5f);
        assertArrayEquals(new float[] {(float) Math.log(0.25), (float) Math.log(0.75)}, z.logSoftmax(0).toArray(), 1e-4f);
        Tensor far = Tensor.vector(0, -200);
        assertEquals(-200, far.logSoftmax(0).toArray()[1], 1e-3); // log of the rounded softmax would be -inf
    }

    @Test
    void logisticLossMatchesTheSlidesAndStaysFinite() {
        // The slides' neuron: z = w1·x1 + w2·x2 = −2 + 1 = −1, y = +1: L = log(1 + e) = 1.3133
        Tensor z = v(-1);
        Tensor loss = z.logisticLoss(Tensor.vector(1));
        assertEquals(Math.log(1 + Math.E), loss.item(), 1e-6);
        loss.backward();
        assertEquals(-(1 - 1 / (1 + Math.E)), z.grad().item(), 1e-6); // −σ(−z) = −0.7311
        assertEquals(1000, Tensor.vector(-1000).logisticLoss(Tensor.vector(1)).item(), 1e-3);
        assertEquals(0, Tensor.vector(1000).logisticLoss(Tensor.vector(1)).item(), 1e-6);
    }

    @Test
    void varianceDividesByN() {
        assertEquals(1.25f, Tensor.vector(1, 2, 3, 4).variance().item(), 1e-6f);
    }

    @Test
    void reluWrittenWithAMaskAndWhereMatchesRelu() {
        Tensor x = v(-2, 0.5f, 3, -0.1f);
        Tensor viaWhere = Tensor.where(x.gt(0), x, Tensor.scalar(0));
        assertArrayEquals(x.relu().toArray(), viaWhere.toArray());
        viaWhere.sum().backward();
        assertArrayEquals(new float[] {0, 1, 1, 0}, x.grad().toArray());
        assertEquals("WhereBackward", viaWhere.gradFn().name());
        assertNull(x.gt(0).gradFn()); // masks are data
    }

    @Test
    void minAndArgmax() {
        Tensor x = Tensor.matrix(new float[][] {{4, -1, 2}, {0, 3, -5}}).requiresGrad(true);
        assertEquals(-5, x.min().item());
        assertArrayEquals(new float[] {-1, -5}, x.min(1, false).toArray());
        assertEquals(0, x.argmax());                       // the 4 at [0, 0]
        assertArrayEquals(new int[] {0, 1, 0}, x.argmax(0));
        assertArrayEquals(new int[] {1, 2}, x.argmin(1));
        assertEquals("MinBackward", x.min(1, false).gradFn().name());
        x.min(0, true).sum().backward();                   // column minima: 0, -1, -5
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 1}, x.grad().toArray());
    }
}
