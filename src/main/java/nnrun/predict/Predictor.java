package nnrun.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import nnrun.autodiff.GradMode;
import nnrun.autodiff.Tensor;
import nnrun.run.ClassProbabilities;
import nnrun.run.RunInputs;
import nnrun.run.TrainedModel;

/** Classifies samples with a trained model: normalizes them as training did, runs the model in batches, ranks the classes. */
public final class Predictor {
    private static final int BATCH = 256;

    private final TrainedModel trained;
    private final int topK;
    private final ClassProbabilities probabilities;

    /** {@code topK}: how many classes each prediction ranks (at most the number of classes). */
    public Predictor(TrainedModel trained, int topK) {
        if (topK < 1) throw new IllegalArgumentException("--top-k must be at least 1, got " + topK);
        this.trained = trained;
        this.topK = topK;
        this.probabilities = ClassProbabilities.of(trained.model(), trained.inputs().sampleShape());
    }

    public List<Prediction> predict(List<PredictionInput> inputs) {
        RunInputs in = trained.inputs();
        int[] sampleShape = in.sampleShape();
        int length = in.sampleLength();
        List<Prediction> out = new ArrayList<>(inputs.size());
        for (int start = 0; start < inputs.size(); start += BATCH) {
            List<PredictionInput> batch = inputs.subList(start, Math.min(inputs.size(), start + BATCH));
            float[] x = new float[batch.size() * length];
            for (int i = 0; i < batch.size(); i++) {
                System.arraycopy(batch.get(i).sample(), 0, x, i * length, length);
                int at = i * length;
                in.normalization().ifPresent(n -> n.apply(x, at, sampleShape));
            }
            int[] shape = new int[sampleShape.length + 1];
            shape[0] = batch.size();
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
            float[] scores;
            try (var off = GradMode.off()) {
                scores = trained.model().forward(Tensor.of(x, shape)).data();
            }
            int columns = scores.length / batch.size();
            for (int i = 0; i < batch.size(); i++) out.add(new Prediction(batch.get(i).name(), rank(probabilities.of(scores, i, columns))));
        }
        return out;
    }

    private List<RankedClass> rank(float[] p) {
        List<String> names = trained.inputs().classNames();
        Integer[] order = new Integer[p.length];
        Arrays.setAll(order, i -> i);
        // Stable sort: ties keep the lower class index first, as argmax does.
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -p[i]));
        List<RankedClass> ranked = new ArrayList<>();
        for (int k = 0; k < Math.min(topK, p.length); k++) {
            int c = order[k];
            ranked.add(new RankedClass(c, c < names.size() ? names.get(c) : Integer.toString(c), p[c]));
        }
        return ranked;
    }
}
