package nnrun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import nnrun.data.Dataset;
import nnrun.data.Normalization;

/**
 * What a run's model takes and gives, stored in the run folder as {@code inputs.json} when
 * training starts: the per-sample input shape, the normalization computed from the training split
 * (absent with {@code normalize: false}), and the class names in label order. Predicting and
 * exporting need these without reading the training data again.
 */
public record RunInputs(int[] sampleShape, Optional<Normalization> normalization, List<String> classNames) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RunInputs {
        sampleShape = sampleShape.clone();
        classNames = List.copyOf(classNames);
    }

    /** The inputs of an experiment's data; classes without names are named by their index. */
    public static RunInputs of(ExperimentData data) {
        int classes = data.numClasses();
        List<String> names = data.train().classNames().size() == classes ? data.train().classNames()
                : data.test().classNames().size() == classes ? data.test().classNames() : indexNames(classes);
        return new RunInputs(data.sampleShape(), Optional.ofNullable(data.normalization()), names);
    }

    public int numClasses() { return classNames.size(); }

    /** Values in one sample: the product of the sample shape. */
    public int sampleLength() { return Dataset.product(sampleShape); }

    /** Where a run keeps its inputs. */
    public static Path file(RunDirectory run) { return run.path().resolve("inputs.json"); }

    public void write(RunDirectory run) throws IOException {
        Stored s = new Stored(sampleShape, normalization.map(Normalization::mean).orElse(null),
                normalization.map(Normalization::std).orElse(null), classNames);
        byte[] bytes = JSON.writeValueAsBytes(s);
        AtomicFiles.write(file(run), out -> out.write(bytes));
    }

    /** The stored inputs of a run, or empty for a run trained before nnrun stored them. */
    public static Optional<RunInputs> read(RunDirectory run) {
        Path file = file(run);
        Stored s;
        try {
            s = JSON.readValue(Files.readAllBytes(file), Stored.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JacksonException e) {
            throw new CheckpointException(file + " is not valid: " + e.getOriginalMessage()
                    + "; delete it and nnrun recomputes it from the training data");
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            if (s.sampleShape() == null || s.classNames() == null || s.classNames().isEmpty() || (s.mean() == null) != (s.std() == null))
                throw new IllegalArgumentException("it needs sampleShape, classNames, and mean and std together or neither");
            Dataset.product(s.sampleShape());
            Optional<Normalization> norm = s.mean() == null ? Optional.empty() : Optional.of(new Normalization(s.mean(), s.std()));
            if (norm.isPresent() && norm.get().mean().length != s.sampleShape()[0])
                throw new IllegalArgumentException("it has " + norm.get().mean().length + " normalization channels for samples of shape "
                        + Arrays.toString(s.sampleShape()));
            return Optional.of(new RunInputs(s.sampleShape(), norm, s.classNames()));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + " is not valid: " + e.getMessage()
                    + "; delete it and nnrun recomputes it from the training data");
        }
    }

    private static List<String> indexNames(int classes) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes; i++) names.add(Integer.toString(i));
        return names;
    }

    /** The JSON layout: flat arrays, so the file reads well and other tools can use it. */
    private record Stored(int[] sampleShape, float[] mean, float[] std, List<String> classNames) {}
}
