package nnrun.run;

import java.util.ArrayList;
import java.util.List;

/** Epoch reports for listener tests: {@code Epochs.of(3, "val", 0.2, "test", 0.25)} is epoch 3 with those errors (loss = error). */
final class Epochs {
    private Epochs() {}

    static EpochReport of(int epoch, Object... splitAndError) {
        List<MetricRow> rows = new ArrayList<>(List.of(new MetricRow(epoch, "train", 0.1, 0.05, 0.01, 1, 100)));
        for (int i = 0; i < splitAndError.length; i += 2) {
            double e = ((Number) splitAndError[i + 1]).doubleValue();
            rows.add(new MetricRow(epoch, (String) splitAndError[i], e, e, 0.01, 1, 100));
        }
        return new EpochReport(epoch, 10, rows);
    }

    static TrainState fresh() { return TrainState.start("seed: 0\n"); }
}
