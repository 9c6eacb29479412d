package nnrun.backend.opencl;

import nnrun.autodiff.Generator;
import nnrun.backend.Backend;
import nnrun.backend.Backends;
import nnrun.data.Batch;
import nnrun.loss.CrossEntropyLoss;
import nnrun.nn.BatchNorm1d;
import nnrun.nn.Dropout;
import nnrun.nn.Linear;
import nnrun.nn.ReLU;
import nnrun.nn.Sequential;
import nnrun.optim.Adam;
import nnrun.run.TrainingStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ten thousand training steps on OpenCL hold the same device memory after the first few as after
 * the last: each step's arrays, and each batch, go back to the backend's cache with their device
 * buffers and the next step takes them again. No step waits for the garbage collector, and nothing
 * asks it to run.
 */
class DeviceMemoryFlatTest {
    private final Backend before = Backends.current();

    @AfterEach
    void restoreBackend() {
        Backends.use(before);
    }

    @Test
    void tenThousandStepsKeepDeviceMemoryFlat() {
        OpenClBackend cl = PoclDevice.backend();
        Backends.use(cl);
        Generator g = new Generator(5);
        Sequential model = new Sequential(new Linear(12, 16, g), new BatchNorm1d(16), new ReLU(), new Dropout(0.2, g), new Linear(16, 4, g));
        model.train();
        TrainingStep step = new TrainingStep(model, new CrossEntropyLoss(), new Adam(model.namedParameters()), 1.0);
        Generator data = new Generator(6);
        long afterWarmUp = 0;
        for (int i = 1; i <= 10_000; i++) {
            Batch b = new Batch(cl.allocate(8 * 12), cl.allocateIndices(8), 8, new int[] {12});
            for (int j = 0; j < 8 * 12; j++) b.x()[j] = data.nextFloat();
            for (int j = 0; j < 8; j++) b.labels()[j] = j % 4;
            step.run(b, i);
            cl.release(b.x());
            cl.release(b.labels());
            if (i == 10) afterWarmUp = cl.deviceBytes();
        }
        assertEquals(afterWarmUp, cl.deviceBytes(), "device bytes after step 10 and after step 10,000");
    }
}
