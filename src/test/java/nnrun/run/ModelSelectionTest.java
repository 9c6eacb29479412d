package nnrun.run;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Which epoch a run reports: validation picks it when there is a split, never the test set. */
class ModelSelectionTest {

    @Test
    void withAValidationSplitTheLowestValidationErrorWinsWhateverTheTestErrorSays() {
        ModelSelection selection = new ModelSelection(true);
        TrainState s = Epochs.fresh();
        s = selection.afterEpoch(Epochs.of(1, "val", 0.30, "test", 0.10), s);
        s = selection.afterEpoch(Epochs.of(2, "val", 0.20, "test", 0.40), s);
        s = selection.afterEpoch(Epochs.of(3, "val", 0.20, "test", 0.05), s); // a tie keeps the first
        s = selection.afterEpoch(Epochs.of(4, "val", 0.25, "test", 0.01), s);
        assertEquals(2, s.bestEpoch());
        assertEquals(0.20, s.bestError(), 1e-12);
        assertEquals("min val_error", selection.rule());
    }

    @Test
    void withoutOneTheLastEvaluatedEpochIsReportedNotTheLowestTestError() {
        ModelSelection selection = new ModelSelection(false);
        TrainState s = Epochs.fresh();
        s = selection.afterEpoch(Epochs.of(1, "test", 0.10), s);
        s = selection.afterEpoch(Epochs.of(2, "test", 0.30), s);
        s = selection.afterEpoch(Epochs.of(3), s); // eval_every 2: no test row this epoch
        assertEquals(2, s.bestEpoch(), "the last epoch that was evaluated");
        assertEquals(0.30, s.bestError(), 1e-12);
        assertEquals("last epoch", selection.rule());
    }
}
