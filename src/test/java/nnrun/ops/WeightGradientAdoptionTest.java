package nnrun.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import nnrun.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A leaf adopts the weight gradient its op just allocated instead of copying it. When that
 * gradient fans out to two leaves (a weight computed as w1 + w2), only one may adopt it: a
 * shared buffer would make the next accumulation into one leaf change the other.
 */
class WeightGradientAdoptionTest {

    @Test
    void aGradientFannedOutToTwoLeavesIsAdoptedOnceAndAccumulatesSeparately() {
        Tensor x = Tensor.matrix(new float[][] {{1, 2}, {3, 4}});
        Tensor w1 = Tensor.matrix(new float[][] {{0.5f, -1}}).requiresGrad(true);
        Tensor w2 = Tensor.matrix(new float[][] {{0.25f, 2}}).requiresGrad(true);

        LinearOp.apply(x, w1.add(w2), null).sum().backward();
        assertNotSame(w1.grad(), w2.grad());
        // d(sum(x·Wᵀ))/dW = column sums of x = [4, 6], for both summands of W.
        assertArrayEquals(new float[] {4, 6}, w1.grad().data());
        assertArrayEquals(new float[] {4, 6}, w2.grad().data());

        LinearOp.apply(x, w1.add(w2), null).sum().backward(); // no zeroGrad: gradients add up
        assertArrayEquals(new float[] {8, 12}, w1.grad().data());
        assertArrayEquals(new float[] {8, 12}, w2.grad().data());
    }
}
