package nnrun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nnrun.autodiff.GradMode;
import nnrun.autodiff.Tensor;
import nnrun.config.FineTuningSpec;
import nnrun.nn.Module;

/**
 * {@code model.init_from}: a new run starts from a trained one. Every parameter and buffer whose
 * name and shape match the checkpoint's is copied; the rest keep their seeded initialization (a new
 * classifier head for another number of classes, say), and the report names both. A checkpoint
 * that fits nothing is a config error: it is almost certainly the wrong file.
 */
final class InitialWeights {
    private InitialWeights() {}

    /** What was taken from where, for the run's log. */
    record Report(Path checkpoint, List<String> loaded, List<String> kept) {
        List<String> lines() {
            List<String> lines = new ArrayList<>(List.of("init_from " + checkpoint + ": loaded " + loaded.size() + " tensors ("
                    + String.join(", ", loaded) + ")"));
            if (!kept.isEmpty()) lines.add("init_from: left at their initialization: " + String.join("; ", kept));
            return lines;
        }
    }

    static Report load(FineTuningSpec spec, Module model) {
        String from = spec.initFrom().orElseThrow();
        Path file = checkpointOf(spec, Path.of(from));
        Checkpoint checkpoint = Checkpoint.read(file);
        Map<String, Tensor> targets = new LinkedHashMap<>();
        model.namedParameters().forEach((k, v) -> targets.put("param." + k, v));
        model.namedBuffers().forEach((k, v) -> targets.put("buffer." + k, v));
        List<String> loaded = new ArrayList<>(), kept = new ArrayList<>();
        try (var off = GradMode.off()) {
            for (var e : targets.entrySet()) {
                String name = e.getKey().substring(e.getKey().indexOf('.') + 1);
                Tensor saved = checkpoint.tensors().get(e.getKey());
                if (saved != null && Arrays.equals(saved.shape(), e.getValue().shape())) {
                    e.getValue().copyFrom(saved);
                    loaded.add(name);
                } else {
                    kept.add(name + " " + Arrays.toString(e.getValue().shape()) + (saved == null ? " (not in the checkpoint)"
                            : " (the checkpoint's is " + Arrays.toString(saved.shape()) + ")"));
                }
            }
        }
        if (loaded.isEmpty())
            throw spec.section().errorAt("init_from", file + " has no tensor of this model's names and shapes (" + String.join("; ", kept)
                    + ")", "point init_from at a run of the same blocks, at least in its first layers");
        return new Report(file, loaded, kept);
    }

    /** A run folder gives its best.ckpt (the selected epoch), else its last.ckpt; anything else is the file itself. */
    private static Path checkpointOf(FineTuningSpec spec, Path from) {
        if (Files.isDirectory(from)) {
            RunDirectory run = new RunDirectory(from);
            if (Files.isRegularFile(run.bestCheckpoint())) return run.bestCheckpoint();
            if (Files.isRegularFile(run.lastCheckpoint())) return run.lastCheckpoint();
            throw spec.section().errorAt("init_from", from + " holds no checkpoints/best.ckpt or last.ckpt",
                    "point it at a run folder that trained at least one epoch, or at a .ckpt file");
        }
        if (!Files.isRegularFile(from))
            throw spec.section().errorAt("init_from", "no such run folder or checkpoint: " + from, "check the path");
        return from;
    }
}
