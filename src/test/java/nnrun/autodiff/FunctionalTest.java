package nnrun.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

class FunctionalTest {

    @Test
    void jvpIsTheForwardTangentTrace() {
        // f(x1, x2) = ln(x1) + x1·x2 − sin(x2) at (2, 5), as one vector input; v = e1 gives ∂f/∂x1.
        Function<Tensor, Tensor> f = x -> {
            Tensor x1 = x.slice(0, 0, 1), x2 = x.slice(0, 1, 2);
            return x1.log().add(x1.mul(x2)).sub(x2.sin());
        };
        Tensor at = Tensor.vector(2, 5);
        Functional.Result r = Functional.jvp(f, at, Tensor.vector(1, 0));
        assertEquals(11.652, r.value().item(), 1e-3);
        assertEquals(5.5, r.derivative().item(), 1e-5);
        assertEquals(1.716, Functional.jvp(f, at, Tensor.vector(0, 1)).derivative().item(), 1e-3);
        assertArrayEquals(new float[] {5.5f, 1.7163378f}, Functional.vjp(f, at, Tensor.vector(1)).derivative().toArray(), 1e-5f);
    }

    @Test
    void jacobianOfALinearMapIsItsMatrix() {
        Tensor w = Tensor.matrix(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor j = Functional.jacobian(x -> w.matmul(x.reshape(3, 1)).reshape(2), Tensor.vector(7, 8, 9));
        assertArrayEquals(new int[] {2, 3}, j.shape());
        assertArrayEquals(w.toArray(), j.toArray());
    }

    @Test
    void jacobianByVjpAndByJvpAgree() {
        // f: R^4 → R^3, nonlinear and mixing all inputs.
        Function<Tensor, Tensor> f = x -> {
            Tensor m = x.reshape(2, 2);
            return Tensor.concat(0, m.matmul(m).reshape(4).slice(0, 0, 2), x.sin().sum().reshape(1)).softmax(0).mul(x.slice(0, 1, 4));
        };
        Tensor x = Tensor.vector(0.3f, -1.2f, 0.8f, 2f);
        Tensor byRows = Functional.jacobianByVjp(f, x), byColumns = Functional.jacobianByJvp(f, x);
        assertArrayEquals(new int[] {3, 4}, byRows.shape());
        assertArrayEquals(byRows.toArray(), byColumns.toArray(), 1e-6f);
        assertArrayEquals(byRows.toArray(), Functional.jacobian(f, x).toArray(), 1e-6f);
        // And the Jacobian is right, not only self-consistent: compare one column with a finite difference.
        float h = 1e-2f;
        Tensor up = f.apply(Tensor.vector(0.3f, -1.2f + h, 0.8f, 2f)), down = f.apply(Tensor.vector(0.3f, -1.2f - h, 0.8f, 2f));
        for (int i = 0; i < 3; i++)
            assertEquals((up.toArray()[i] - down.toArray()[i]) / (2 * h), byRows.get(i, 1), 1e-3);
    }

    @Test
    void aFunctionIgnoringItsInputHasZeroDerivatives() {
        Function<Tensor, Tensor> constant = x -> Tensor.vector(1, 2);
        assertArrayEquals(new float[6], Functional.jacobian(constant, Tensor.vector(1, 2, 3)).toArray());
        assertArrayEquals(new float[3], Functional.vjp(constant, Tensor.vector(1, 2, 3), Tensor.vector(1, 1)).derivative().toArray());
    }
}
