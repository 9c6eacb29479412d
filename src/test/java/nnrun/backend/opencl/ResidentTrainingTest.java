package nnrun.backend.opencl;

import nnrun.backend.DeviceTime;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backend;
import nnrun.backend.Backends;
import nnrun.backend.ReferenceBackend;
import nnrun.nn.BatchNorm2d;
import nnrun.nn.Conv2d;
import nnrun.nn.Flatten;
import nnrun.nn.Linear;
import nnrun.nn.MaxPool2d;
import nnrun.nn.Module;
import nnrun.nn.ReLU;
import nnrun.nn.Sequential;
import nnrun.optim.Sgd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training steps on the OpenCL backend keep the model on the device: per step only the batch (its
 * features and labels) goes in and only the loss comes out, and the weights after a few steps are
 * the weights the reference backend computes.
 */
class ResidentTrainingTest {
    private static OpenClBackend cl;
    private final Backend before = Backends.current();

    /** Per test, not @BeforeAll: a skipped @BeforeAll hides the tests and the reason from Maven's report. */
    @BeforeEach
    void openTheSharedDevice() {
        cl = PoclDevice.backend();
    }

    @AfterEach
    void restoreBackend() {
        Backends.use(before);
    }

    @Test
    void aFullyConnectedNetSendsOnlyTheBatchInAndTheLossOut() {
        Supplier<Module> net = () -> {
            Generator g = new Generator(1);
            return new Sequential(new Flatten(), new Linear(12, 16, g), new ReLU(), new Linear(16, 5, g));
        };
        assertResidentAndEqual(net, new int[] {8, 3, 2, 2}, 5);
    }

    @Test
    void aConvNetSendsOnlyTheBatchInAndTheLossOut() {
        Supplier<Module> net = () -> {
            Generator g = new Generator(2);
            return new Sequential(new Conv2d(2, 4, 3, 1, g), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(4 * 3 * 3, 5, g));
        };
        assertResidentAndEqual(net, new int[] {6, 2, 6, 6}, 5);
    }

    @Test
    void batchNormSendsOutOnlyItsPerChannelStatistics() {
        Supplier<Module> net = () -> {
            Generator g = new Generator(3);
            return new Sequential(new Conv2d(2, 4, 3, 1, g), new BatchNorm2d(4), new ReLU(), new Flatten(), new Linear(4 * 6 * 6, 5, g));
        };
        int[] batch = {6, 2, 6, 6};
        long[] perStep = new long[4];
        Map<String, Tensor> want = train(new ReferenceBackend(), net.get(), batch, 5, null);
        Map<String, Tensor> got = train(cl, net.get(), batch, 5, perStep);
        assertClose(want, got);
        long batchBytes = 4L * 6 * 2 * 6 * 6 + 4 * 6, activation = 4L * 6 * 4 * 6 * 6;
        // Three statistics calls (mean; variance; the backward sums) bring back 6 parts × 4 channels each;
        // the host sends per-channel scales and shifts. No activation-sized tensor crosses.
        assertTrue(perStep[1] - batchBytes < activation, "bytes in beyond the batch: " + (perStep[1] - batchBytes));
        assertTrue(perStep[3] - 4 * 6 < activation, "bytes out beyond the loss: " + (perStep[3] - 4 * 6));
    }

    /** Trains the same net on both backends for a few SGD steps (momentum, weight decay) and compares. */
    private static void assertResidentAndEqual(Supplier<Module> net, int[] batchShape, int classes) {
        Map<String, Tensor> want = train(new ReferenceBackend(), net.get(), batchShape, classes, null);
        long[] perStep = new long[4];
        Map<String, Tensor> got = train(cl, net.get(), batchShape, classes, perStep);
        int batchBytes = 4 * Tensor.zeros(batchShape).numel() + 4 * batchShape[0];
        assertEquals(2, perStep[0], "uploads per step after the first: the features and the labels");
        assertEquals(batchBytes, perStep[1], "bytes in per step: exactly the batch");
        assertEquals(1, perStep[2], "downloads per step: the loss of each row");
        assertEquals(4L * batchShape[0], perStep[3], "bytes out per step");
        assertClose(want, got);
    }

    private static void assertClose(Map<String, Tensor> want, Map<String, Tensor> got) {
        for (var e : want.entrySet()) {
            float[] w = e.getValue().data(), v = got.get(e.getKey()).data();
            for (int i = 0; i < w.length; i++)
                assertEquals(w[i], v[i], 1e-4 + 1e-4 * Math.abs(w[i]), e.getKey() + "[" + i + "]");
        }
    }

    /** @param perStep when not null, receives the copies of the last step: uploads, bytes in, downloads, bytes out */
    private static Map<String, Tensor> train(Backend backend, Module model, int[] batchShape, int classes, long[] perStep) {
        Backends.use(backend);
        Sgd sgd = new Sgd(model.namedParameters(), 0.1, 0.9, 0, false, 1e-3);
        Generator data = new Generator(7);
        for (int step = 0; step < 4; step++) {
            Tensor x = Tensor.randn(data, batchShape);
            int[] labels = new int[batchShape[0]];
            for (int i = 0; i < labels.length; i++) labels[i] = (int) (data.nextFloat() * classes);
            DeviceTime start = backend == cl ? cl.stats() : null;
            Tensor loss = model.forward(x).crossEntropy(labels);
            loss.item();
            sgd.zeroGrad();
            loss.backward();
            sgd.step();
            if (perStep != null) {
                DeviceTime s = cl.stats().minus(start);
                perStep[0] = s.uploads(); perStep[1] = s.bytesToDevice(); perStep[2] = s.downloads(); perStep[3] = s.bytesFromDevice();
            }
        }
        return model.namedParameters();
    }
}
