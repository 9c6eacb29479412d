package nnrun.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TensorPrintingTest {

    @Test
    void printsLikeTheSlides() {
        assertEquals("tensor([[1.0000, 2.0000], [3.0000, 4.0000]])", Tensor.matrix(new float[][] {{1, 2}, {3, 4}}).toString());
        assertEquals("tensor(0.7311, grad_fn=<SigmoidBackward>)", Tensor.scalar(1).requiresGrad(true).sigmoid().toString());
        assertEquals("tensor([0.5000], requires_grad=True)", Tensor.vector(0.5f).requiresGrad(true).toString());
    }

    @Test
    void bigTensorsShowTheirFirstAndLastThreePerAxis() {
        assertEquals("tensor([0.0000, 1.0000, 2.0000, ..., 1997.0000, 1998.0000, 1999.0000])", Tensor.arange(2000).toString());
        String grid = Tensor.arange(2500).reshape(50, 50).toString();
        assertTrue(grid.startsWith("tensor([[0.0000, 1.0000, 2.0000, ..., 47.0000, 48.0000, 49.0000], [50.0000,"), grid);
        assertTrue(grid.contains("149.0000], ..., [2350.0000,"), grid);
        assertTrue(grid.length() < 500, "a 2,500-value tensor prints in " + grid.length() + " characters");
    }

    @Test
    void tinyAndHugeValuesSwitchToScientificNotation() {
        assertEquals("tensor([1.0000e+08, 1.0000e-08, -3.0000e+00])", Tensor.vector(1e8f, 1e-8f, -3).toString());
    }
}
