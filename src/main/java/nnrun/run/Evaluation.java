package nnrun.run;

import java.util.Locale;

import nnrun.autodiff.GradMode;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Tensor;
import nnrun.data.Batch;
import nnrun.data.DataLoader;
import nnrun.loss.Loss;
import nnrun.nn.Module;

/** Mean loss, error rate and confusion matrix of a model on one split, in eval mode with the graph off. */
public record Evaluation(double loss, double error, long samples, long[][] confusion, double seconds) {

    public static Evaluation of(Module model, Loss loss, DataLoader loader, int classes) {
        long start = System.nanoTime();
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0;
        long errors = 0, seen = 0;
        long[][] confusion = new long[classes][classes];
        try (var off = GradMode.off(); DataLoader.Epoch epoch = loader.epoch(0)) {
            for (Batch b : epoch) {
                try (MemoryScope batch = MemoryScope.open()) { // the outputs go back to the backend after each batch
                    Tensor out = model.forward(Batches.input(b));
                    lossSum += loss.compute(out, b.labels()).item() * b.size();
                    int[] predicted = Batches.predictions(out);
                    for (int i = 0; i < b.size(); i++) {
                        if (predicted[i] != b.labels()[i]) errors++;
                        if (b.labels()[i] < classes && predicted[i] < classes) confusion[b.labels()[i]][predicted[i]]++;
                    }
                    seen += b.size();
                }
                Batches.release(b);
            }
        } finally {
            if (wasTraining) model.train();
        }
        return new Evaluation(lossSum / seen, (double) errors / seen, seen, confusion, (System.nanoTime() - start) / 1e9);
    }

    /** The confusion matrix as text: rows are true classes, columns predicted ones. */
    public String confusionTable(java.util.List<String> classNames) {
        int c = confusion.length;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%12s", "true\\pred"));
        for (int j = 0; j < c; j++) sb.append(String.format(Locale.ROOT, "%8s", shortName(classNames, j)));
        sb.append('\n');
        for (int i = 0; i < c; i++) {
            sb.append(String.format(Locale.ROOT, "%12s", shortName(classNames, i)));
            for (int j = 0; j < c; j++) sb.append(String.format(Locale.ROOT, "%8d", confusion[i][j]));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String shortName(java.util.List<String> names, int i) {
        String n = names != null && i < names.size() ? names.get(i) : Integer.toString(i);
        return n.length() > 7 ? n.substring(0, 7) : n;
    }
}
