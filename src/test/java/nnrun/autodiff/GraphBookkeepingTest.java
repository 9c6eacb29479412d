package nnrun.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** How the graph is recorded, run, accumulated and freed. */
class GraphBookkeepingTest {

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad(true);
        x.mul(x).sum().backward();                                   // d/dx Σx² = 2x
        assertArrayEquals(new float[] {2, 4, 6}, x.grad().toArray());
        x.mul(x).sum().backward();
        assertArrayEquals(new float[] {4, 8, 12}, x.grad().toArray()); // summed with the first call
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(3f).sum().backward();
        assertArrayEquals(new float[] {3, 3, 3}, x.grad().toArray());
    }

    @Test
    void noGradScopeRecordsNothing() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        Tensor y;
        try (var off = GradMode.off()) {
            y = x.mul(2f).sigmoid().sum();
            assertFalse(GradMode.isEnabled());
        }
        assertNull(y.gradFn());
        assertFalse(y.requiresGrad());
        assertEquals("tensor(1.8628)", y.toString()); // σ(2) + σ(4), no grad_fn
        assertTrue(GradMode.isEnabled()); // the scope restored recording
        assertNotNull(x.mul(2f).gradFn());
    }

    @Test
    void aHundredThousandOpChainRunsBackwardWithoutRecursion() {
        // Each op adds O(1) bookkeeping and backward walks the graph iteratively, so depth is no limit.
        Tensor x = Tensor.scalar(0.5f).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) y = y.add(1f);
        y.backward();
        assertEquals(100_000.5f, y.item(), 0.1f);
        assertEquals(1f, x.grad().item());
    }

    @Test
    void theGraphIsFreedAfterBackwardUnlessRetained() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        Tensor loss = x.exp().sum();
        loss.backward(Tensor.scalar(1), true); // retain: a second pass is allowed
        loss.backward();
        assertArrayEquals(new float[] {2 * (float) Math.E, 2 * (float) Math.exp(2)}, x.grad().toArray(), 1e-5f);
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().startsWith("SumBackward: trying to backward through the graph a second time"), e.getMessage());
    }

    @Test
    void aLeafThatNeedsNoGradGetsNone() {
        Tensor w = Tensor.vector(1, 2).requiresGrad(true), data = Tensor.vector(3, 4);
        w.mul(data).sum().backward();
        assertArrayEquals(new float[] {3, 4}, w.grad().toArray());
        assertNull(data.grad());
    }
}
