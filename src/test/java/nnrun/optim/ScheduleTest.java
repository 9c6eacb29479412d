package nnrun.optim;

import nnrun.config.ComponentSpec;
import nnrun.config.ConfigException;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Learning rates per epoch, worked by hand from PyTorch's closed forms. */
class ScheduleTest {
    private static double[] lrs(LrSchedule s, int epochs) {
        double[] out = new double[epochs];
        for (int e = 0; e < epochs; e++) out[e] = s.lr(e);
        return out;
    }

    @Test
    void constantStepMultistepExponential() {
        assertArrayEquals(new double[] {0.1, 0.1, 0.1}, lrs(byName("constant", 0.1, Map.of(), 3), 3), 1e-12);
        assertArrayEquals(new double[] {1, 1, 0.5, 0.5, 0.25},
                lrs(byName("step", 1, Map.of("step_size", 2, "gamma", 0.5), 5), 5), 1e-12);
        assertArrayEquals(new double[] {1, 0.1, 0.1, 0.01, 0.01},
                lrs(byName("multistep", 1, Map.of("milestones", List.of(1, 3)), 5), 5), 1e-12);
        assertArrayEquals(new double[] {1, 0.9, 0.81},
                lrs(byName("exponential", 1, Map.of("gamma", 0.9), 3), 3), 1e-12);
    }

    @Test
    void cosineFallsFromBaseToMinOverTheRun() {
        // base 1, min 0, period 4: (1 + cos(π·e/4))/2 = 1, 0.8536, 0.5, 0.1464, 0, then stays at 0.
        assertArrayEquals(new double[] {1, 0.8535534, 0.5, 0.1464466, 0, 0},
                lrs(byName("cosine", 1, Map.of(), 4), 6), 1e-6);
    }

    @Test
    void warmupRampsLinearlyThenHandsOver() {
        LrSchedule s = byName("cosine", 1, Map.of("warmup_epochs", 3), 7);
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1, 0.8535534, 0.5, 0.1464466}, lrs(s, 7), 1e-6);
    }

    @Test
    void plateauDividesAfterPatienceEpochsWithoutImprovementAndExportsItsState() {
        LrSchedule s = byName("plateau", 1, Map.of("patience", 1, "factor", 0.5), 10);
        double[] metric = {1.0, 0.9, 0.95, 0.91, 0.92, 0.8};
        // epochs 2 and 3 do not improve on 0.9: more than 1 bad epoch, so epoch 4 runs at half the rate
        double[] expected = {1, 1, 1, 1, 0.5, 0.5};
        for (int e = 0; e < metric.length; e++) {
            assertEquals(expected[e], s.lr(e), 1e-12, "epoch " + e);
            s.observe(e, metric[e]);
        }
        assertEquals(0.5, s.lr(6), 1e-12, "0.8 improved, so no second cut");
        LrSchedule resumed = byName("plateau", 1, Map.of("patience", 1, "factor", 0.5), 10);
        resumed.importState(s.exportState());
        s.observe(6, 0.85);
        resumed.observe(6, 0.85);
        s.observe(7, 0.85);
        resumed.observe(7, 0.85);
        assertEquals(0.25, resumed.lr(8), 1e-12);
        assertEquals(s.lr(8), resumed.lr(8));
    }

    @Test
    void badSchedulesSayWhatIsMissing() {
        ConfigException e = assertThrows(ConfigException.class, () -> byName("step", 1, Map.of(), 5));
        assertTrue(e.getMessage().contains("step.step_size: required, but not set"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> byName("cosine", 1, Map.of("t_max", 3), 5));
        assertTrue(e.getMessage().contains("unknown key \"t_max\""), e.getMessage());
        e = assertThrows(ConfigException.class, () -> byName("onecycle", 1, Map.of(), 5));
        assertTrue(e.getMessage().contains("unknown schedule \"onecycle\""), e.getMessage());
        e = assertThrows(ConfigException.class, () -> byName("cosine", 1, Map.of("warmup_epoch", 2), 5));
        assertTrue(e.getMessage().contains("unknown key \"warmup_epoch\", did you mean \"warmup_epochs\"?"), e.getMessage());
    }

    private static LrSchedule byName(String name, double base, Map<String, ?> options, int epochs) {
        return Schedules.build(ComponentSpec.of(name, options), base, epochs);
    }
}
