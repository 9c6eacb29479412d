package nnrun.nn;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;
import nnrun.loss.CrossEntropyLoss;
import nnrun.loss.Loss;
import nnrun.optim.Adam;
import nnrun.optim.Optimizer;
import nnrun.optim.Sgd;

/** The classic end-to-end checks: a net that cannot learn XOR or overfit one batch has a bug somewhere. */
class TrainingSanityTest {

    private static float train(Module model, Optimizer opt, Loss loss, Tensor x, int[] y, int steps) {
        float last = Float.NaN;
        for (int i = 0; i < steps; i++) {
            opt.zeroGrad();
            Tensor l = loss.compute(model.forward(x), y);
            l.backward();
            opt.step();
            last = l.item();
        }
        return last;
    }

    private static int[] predictions(Module model, Tensor x) {
        model.eval();
        return model.forward(x).argmax(1);
    }

    @Test
    void twoLayerNetLearnsXor() {
        Generator g = new Generator(0);
        Sequential model = new Sequential(new Linear(2, 8, g), new Tanh(), new Linear(8, 2, g));
        Tensor x = Tensor.matrix(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        int[] y = {0, 1, 1, 0};
        float loss = train(model, new Sgd(model.namedParameters(), 0.5, 0.9, 0, false, 0), new CrossEntropyLoss(), x, y, 300);
        assertTrue(loss < 0.01, "loss " + loss);
        assertArrayEquals(new int[] {0, 1, 1, 0}, predictions(model, x));
    }

    @Test
    void smallFullyConnectedNetOverfitsOneBatch() {
        Generator g = new Generator(1);
        Sequential model = new Sequential(new Linear(10, 32, g), new BatchNorm1d(32), new ReLU(), new Dropout(0.1, g.split()),
                new Linear(32, 4, g));
        Tensor x = Tensor.randn(g, 16, 10);
        int[] y = new int[16];
        for (int i = 0; i < 16; i++) y[i] = g.nextInt(4);
        float loss = train(model, new Adam(model.namedParameters(), 0.02, 0.9, 0.999, 1e-8, 0), new CrossEntropyLoss(), x, y, 200);
        assertTrue(loss < 0.05, "loss " + loss);
        int[] predicted = predictions(model, x);
        for (int i = 0; i < 16; i++) assertEquals(y[i], predicted[i], "sample " + i + " in eval mode");
    }

    @Test
    void smallConvNetOverfitsOneBatch() {
        Generator g = new Generator(2);
        Sequential model = new Sequential(
                new Conv2d(1, 4, 3, 1, g), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
                new Conv2d(4, 8, 3, 1, g), new ReLU(), new GlobalAvgPool(),
                new Linear(8, 3, g));
        Tensor x = Tensor.randn(g, 6, 1, 8, 8);
        int[] y = {0, 1, 2, 0, 1, 2};
        float loss = train(model, new Adam(model.namedParameters(), 0.03, 0.9, 0.999, 1e-8, 0), new CrossEntropyLoss(), x, y, 150);
        assertTrue(loss < 0.05, "loss " + loss);
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, predictions(model, x));
    }
}
