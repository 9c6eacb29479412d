package nnrun.run;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import nnrun.config.EarlyStopping;

class EarlyStopperTest {

    @Test
    void stopsAfterPatienceEvaluationsWithoutImprovementAndSaysWhy() {
        EarlyStopper stopper = new EarlyStopper(Optional.of(new EarlyStopping(2, "val_error")));
        TrainState s = Epochs.fresh();
        double[] val = {0.30, 0.20, 0.25, 0.21};
        for (int e = 0; e < 3; e++) {
            s = stopper.afterEpoch(Epochs.of(e + 1, "val", val[e], "test", 0.5), s);
            assertEquals(Optional.empty(), stopper.stopReason(s), "epoch " + (e + 1));
        }
        s = stopper.afterEpoch(Epochs.of(4, "val", val[3], "test", 0.5), s);
        assertEquals(Optional.of("early stopping: val_error has not improved for 2 evaluations"), stopper.stopReason(s));
        assertEquals(0.20, s.watchedBest(), 1e-12);
    }

    @Test
    void withoutEarlyStoppingItNeverStops() {
        EarlyStopper stopper = new EarlyStopper(Optional.empty());
        TrainState s = Epochs.fresh();
        for (int e = 1; e <= 5; e++) s = stopper.afterEpoch(Epochs.of(e, "test", 0.5), s);
        assertEquals(Optional.empty(), stopper.stopReason(s));
    }
}
