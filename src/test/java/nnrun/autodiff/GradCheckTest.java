package nnrun.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class GradCheckTest {

    /** x² with the classic bug: a VJP of g·x instead of 2·g·x. Its JVP is right. */
    static final class SquareWithWrongVjp extends Node {
        private Saved x;

        static Tensor apply(Tensor x) {
            SquareWithWrongVjp node = new SquareWithWrongVjp();
            node.x = node.save(x);
            return Autograd.record(node, x.detach().mul(x.detach()), x);
        }

        @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {g.mul(x.get())}; }

        @Override protected Tensor jvp(Tensor[] t) { return t[0].mul(x.get()).mul(2f); }
    }

    @Test
    void catchesADeliberatelyWrongVjpAndPointsAtTheElement() {
        Tensor x = Tensor.vector(0.5f, -1.5f, 2f);
        GradCheck.Report report = GradCheck.check(in -> SquareWithWrongVjp.apply(in[0]), x);
        assertFalse(report.passed(), report.toString());
        GradCheck.Element worst = report.worstReverse();
        assertEquals(0, worst.input());
        // The numeric derivative is twice what the broken VJP claims.
        assertEquals(2 * worst.analytic(), worst.numeric(), 1e-2 * Math.abs(worst.numeric()));
        assertTrue(report.toString().contains("gradcheck FAILED"), report.toString());
        // Forward mode is implemented correctly, and the report keeps the two apart.
        GradCheck.Element forward = report.worstForward();
        assertEquals(forward.numeric(), forward.analytic(), 1e-2 * (1 + Math.abs(forward.numeric())));
    }

    @Test
    void passesTheCorrectSquareWithSmallErrors() {
        Tensor x = Tensor.vector(0.5f, -1.5f, 2f);
        GradCheck.Report report = GradCheck.check(in -> in[0].mul(in[0]), x);
        assertTrue(report.passed(), report.toString());
        assertTrue(report.worstReverse().error() < 1e-3, report.toString());
        assertEquals(6, report.compared()); // 3 input elements by reverse mode, 3 output elements by forward mode
    }

    @Test
    void leavesTheCallersInputsAlone() {
        Tensor x = Tensor.vector(1f, 2f);
        GradCheck.check(in -> in[0].exp(), x);
        assertArrayEquals(new float[] {1f, 2f}, x.toArray());
        assertNull(x.grad());
    }
}
