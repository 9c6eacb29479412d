package nnrun.predict;

/** One sample to classify: where it came from (a file, or file#index inside one) and its values as the loaders give them. */
public record PredictionInput(String name, float[] sample) {}
