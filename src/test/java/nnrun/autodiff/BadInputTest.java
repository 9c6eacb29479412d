package nnrun.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every misuse fails loudly with a message naming the op and the shapes or the reason. */
class BadInputTest {

    private static String message(Class<? extends Throwable> type, Executable call) {
        return assertThrows(type, call).getMessage();
    }

    @Test
    void shapeMismatchNamesTheOpAndBothShapes() {
        Tensor a = Tensor.zeros(2, 3), b = Tensor.zeros(4);
        assertEquals("add: shapes [2, 3] and [4] cannot be broadcast (dimension 1: 3 vs 4)",
                message(ShapeException.class, () -> a.add(b)));
        assertEquals("matmul: shapes [2, 3] and [2, 3] do not fit (inner dimensions 3 vs 2)",
                message(ShapeException.class, () -> a.matmul(a)));
        assertTrue(message(ShapeException.class, () -> Tensor.concat(0, a, b)).startsWith("concat: tensor 1 has shape [4]"));
        assertTrue(message(ShapeException.class, () -> a.maximum(b)).startsWith("maximum: shapes [2, 3] and [4]"));
        assertTrue(message(ShapeException.class, () -> a.reshape(4, 2)).startsWith("reshape: cannot view a tensor of shape [2, 3]"));
        assertTrue(message(ShapeException.class, () -> a.slice(1, 0, 5, 1)).startsWith("slice: [0:5:1] does not fit axis 1 of size 3"));
        assertTrue(message(IndexOutOfBoundsException.class, () -> a.indexSelect(0, 2))
                .startsWith("index_select: index 2 (position 0) is out of range for axis 0 of size 2"));
        assertTrue(message(ShapeException.class, () -> a.softmax(2)).startsWith("softmax: axis 2 is out of range for a tensor of rank 2"));
    }

    @Test
    void backwardOnANonScalarNeedsAnUpstreamGradient() {
        Tensor y = Tensor.vector(1, 2).requiresGrad(true).sigmoid();
        String m = message(ShapeException.class, y::backward);
        assertTrue(m.startsWith("backward: the output of SigmoidBackward has shape [2]; backward() without an upstream"
                + " gradient needs a scalar"), m);
        assertTrue(message(ShapeException.class, () -> y.backward(Tensor.ones(3)))
                .contains("upstream gradient has shape [3] but the output has shape [2]"));
    }

    @Test
    void backwardTwiceThroughAFreedGraph() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        String m = message(IllegalStateException.class, loss::backward);
        assertTrue(m.startsWith("SumBackward: trying to backward through the graph a second time"), m);
        assertTrue(m.contains("backward(grad, true)"), m); // and how to fix it
    }

    @Test
    void inPlaceChangeOfATensorSavedForBackward() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        Tensor s = x.sigmoid();          // sigmoid saves its output for the VJP
        Tensor loss = s.sum();
        s.addInPlace(Tensor.ones(2));    // ... which is then changed
        String m = message(IllegalStateException.class, loss::backward);
        assertTrue(m.startsWith("SigmoidBackward: a tensor of shape [2] saved for backward was modified in place"
                + " (version 0 when saved, now 1)"), m);
    }

    @Test
    void inPlaceChangeOfALeafWhileRecording() {
        Tensor w = Tensor.vector(1, 2).requiresGrad(true);
        String m = message(IllegalStateException.class, () -> w.scaleInPlace(2f));
        assertTrue(m.startsWith("scaleInPlace: a leaf that requires grad is being changed in place"), m);
    }

    @Test
    void logOfANegativeNumberIsNaNAsDocumented() {
        // IEEE 754 and PyTorch agree: log(-1) = NaN, log(0) = -inf. Nothing is clamped; the
        // trainer's non-finite-loss check is where a NaN stops a run. See docs/autodiff.md.
        Tensor x = Tensor.vector(-1, 0, 1).requiresGrad(true);
        Tensor y = x.log();
        assertTrue(Float.isNaN(y.toArray()[0]));
        assertEquals(Float.NEGATIVE_INFINITY, y.toArray()[1]);
        assertEquals("tensor([nan, -inf, 0.0000], grad_fn=<LogBackward>)", y.toString());
        y.backward(Tensor.ones(3));
        assertArrayEquals(new float[] {-1, Float.POSITIVE_INFINITY, 1}, x.grad().toArray()); // 1/x, finite at -1
        assertTrue(Float.isNaN(Tensor.vector(-4).sqrt().item()));
    }

    @Test
    void labelsForTheLogisticLossMustBePlusOrMinusOne() {
        String m = message(IllegalArgumentException.class, () -> Tensor.vector(0.3f, 2).logisticLoss(Tensor.vector(1, 0)));
        assertEquals("logistic_loss: label 0.0 at flat position 1 is not +1 or -1 (for 0/1 labels use 2·y − 1)", m);
    }
}
