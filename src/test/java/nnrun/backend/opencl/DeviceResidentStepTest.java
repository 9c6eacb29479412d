package nnrun.backend.opencl;

import nnrun.autodiff.Tensor;
import nnrun.backend.Backend;
import nnrun.backend.Backends;
import nnrun.backend.DeviceTime;
import nnrun.backend.ReferenceBackend;
import nnrun.config.ConfigLoader;
import nnrun.config.ExperimentConfig;
import nnrun.run.ConfigTraining;
import nnrun.run.ExperimentPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training step users run ({@link nnrun.run.TrainingStep}: forward, loss, error count, backward, clipping,
 * update), on the reference configs' own models and optimizers and on mnist_fcnn with every other
 * optimizer, clipping, the blocks that once computed on the host and label smoothing. On OpenCL, once
 * the weights are on the device, a step sends in the batch (features, labels) and brings back the loss
 * with the error count: three copies, and no op reads device values on the host. After the same steps
 * the weights are the reference backend's.
 */
class DeviceResidentStepTest {
    private static final int BATCH = 8, STEPS = 3;
    private final Backend before = Backends.current();

    @AfterEach
    void restoreBackend() {
        Backends.use(before);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "mnist_linear  |",
            "mnist_fcnn    |",
            "mnist_convnet |",
            "cifar_linear  |",
            "cifar_fcnn    |",
            "cifar_convnet |",
            "mnist_fcnn    | optimizer={name: adam, lr: 0.001, weight_decay: 0.01}",
            "mnist_fcnn    | optimizer={name: adamw, lr: 0.001, weight_decay: 0.01}",
            "mnist_fcnn    | optimizer={name: rmsprop, lr: 0.001, momentum: 0.9, centered: true}",
            "mnist_fcnn    | optimizer.clip_norm=0.5",
            "mnist_fcnn    | model.2={leaky_relu: {slope: 0.1}}",
            "mnist_fcnn    | model.4=softmax",
            "mnist_fcnn    | loss={name: cross_entropy, label_smoothing: 0.1}",
    })
    void aStepSendsTheBatchInAndTheLossOutAndNothingElse(String config, String override) {
        OpenClBackend cl = PoclDevice.backend();
        List<String> overrides = override == null ? List.of() : List.of(override);
        ExperimentConfig parsed = ConfigLoader.load(Path.of("configs", config + ".yaml"), overrides);
        ConfigTraining.Trained want = ConfigTraining.train(new ReferenceBackend(), parsed, BATCH, STEPS, 7, Runnable::run);
        DeviceTime[] lastStep = new DeviceTime[1];
        ConfigTraining.Trained got = ConfigTraining.train(cl, parsed, BATCH, STEPS, 7, step -> {
            DeviceTime start = cl.stats();
            step.run();
            lastStep[0] = cl.stats().minus(start);
        });

        DeviceTime s = lastStep[0];
        assertEquals(0, s.hostFallbacks(), "host fallbacks in a step: " + s.summary());
        assertEquals(2, s.uploads(), "uploads per step: the features and the labels; " + s.summary());
        assertEquals(4L * BATCH * numel(ExperimentPlan.of(parsed).inputShape()) + 4L * BATCH, s.bytesToDevice(), "bytes in: exactly the batch");
        assertEquals(1, s.downloads(), "downloads per step: the loss with the error count; " + s.summary());
        assertEquals(8L * BATCH, s.bytesFromDevice(), "bytes out: each row's loss and whether it was misclassified");
        assertEquals(want.errors(), got.errors(), "training errors per step");
        for (var e : want.state().entrySet()) {
            float[] w = e.getValue().data(), v = got.state().get(e.getKey()).data();
            for (int i = 0; i < w.length; i++)
                assertEquals(w[i], v[i], 1e-4 + 1e-3 * Math.abs(w[i]), config + " " + e.getKey() + "[" + i + "]");
        }
    }

    /**
     * An epoch's checkpoint, a log line or a user's probe reads the weights on the host between steps:
     * that costs one download each, and the next step still sends in only the batch, because a read
     * leaves the device's copies current.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"mnist_fcnn", "cifar_convnet"})
    void readingTheWeightsBetweenStepsLeavesThemOnTheDevice(String config) {
        OpenClBackend cl = PoclDevice.backend();
        ExperimentConfig parsed = ConfigLoader.load(Path.of("configs", config + ".yaml"), List.of());
        DeviceTime[] lastStep = new DeviceTime[1];
        ConfigTraining.train(cl, parsed, BATCH, STEPS, 3, step -> {
            DeviceTime start = cl.stats();
            step.run();
            lastStep[0] = cl.stats().minus(start);

            DeviceTime beforeReading = cl.stats();
            for (Tensor t : step.state().values()) assertTrue(Float.isFinite(t.data()[0]));
            assertEquals(step.state().size(), cl.stats().minus(beforeReading).downloads(), "one download per weight read");
        });
        assertEquals(2, lastStep[0].uploads(), "uploads in the step after the weights were read: the batch only; " + lastStep[0].summary());
        assertEquals(0, lastStep[0].hostFallbacks(), lastStep[0].summary());
    }

    private static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }
}
