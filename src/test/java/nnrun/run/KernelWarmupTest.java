package nnrun.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nnrun.backend.Backends;
import nnrun.backend.JavaBackend;
import nnrun.backend.ReferenceBackend;
import nnrun.config.ConfigLoader;
import nnrun.config.ExperimentConfig;

/**
 * The warm-up trains a copy of the run's model on the side while the data loads: the run itself
 * must come out bit for bit as it would without one, dropout masks, batch-norm statistics and
 * Adam's moments included.
 */
class KernelWarmupTest {
    /** The ConvNet config with every stateful block, on Adam, at a batch small enough for a test. */
    private static final ExperimentConfig CONVNET = ConfigLoader.load(Path.of("configs", "cifar_convnet.yaml"),
            List.of("optimizer.name=adam", "optimizer.lr=0.001", "optimizer.momentum=null", "train.batch_size=4"));

    @AfterEach
    void restoreBackend() { Backends.use(new ReferenceBackend()); }

    @Test
    void aRunTrainsTheSameBitsAfterAWarmUpAsWithout() throws InterruptedException {
        JavaBackend backend = new JavaBackend();
        ConfigTraining.Trained without = ConfigTraining.train(backend, CONVNET, 4, 3, 7, Runnable::run);
        KernelWarmup warmup = KernelWarmup.start(CONVNET);
        waitForSteps(warmup, 2);
        warmup.close();
        ConfigTraining.Trained after = ConfigTraining.train(backend, CONVNET, 4, 3, 7, Runnable::run);
        assertEquals(without.errors(), after.errors());
        assertEquals(without.state().keySet(), after.state().keySet());
        without.state().forEach((name, t) -> assertArrayEquals(t.toArray(), after.state().get(name).toArray(), name));
    }

    @Test
    void closingStopsTheWarmUpAfterTheStepInProgress() throws InterruptedException {
        Backends.use(new JavaBackend());
        KernelWarmup warmup = KernelWarmup.start(CONVNET);
        waitForSteps(warmup, 1);
        warmup.close();
        int stepsAtClose = warmup.steps();
        Thread.sleep(200);
        assertEquals(stepsAtClose, warmup.steps(), "no step after close");
    }

    @Test
    void anotherBackendThanJavasIsNotWarmedUp() throws InterruptedException {
        Backends.use(new ReferenceBackend());
        try (KernelWarmup warmup = KernelWarmup.start(CONVNET)) {
            Thread.sleep(200);
            assertEquals(0, warmup.steps());
        }
    }

    private static void waitForSteps(KernelWarmup warmup, int steps) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (warmup.steps() < steps && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(warmup.steps() >= steps, "the warm-up took " + steps + " steps within a minute");
    }
}
