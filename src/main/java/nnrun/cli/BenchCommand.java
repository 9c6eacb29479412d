package nnrun.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import nnrun.run.ThroughputBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training and inference throughput of configs' models on random data (no dataset needed).",
        footer = {"", "Examples:", "  nnrun bench configs/mnist_fcnn.yaml", "  nnrun bench configs/*.yaml --seconds 10",
                "Prints one RESULT line per config for scripts/bench.sh (make bench)."})
final class BenchCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "Experiment YAML files; only their models are used.")
    List<Path> configs;

    @Option(names = "--seconds", defaultValue = "5", description = "Timed seconds per measurement (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--batch", defaultValue = "128", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--infer-batch", defaultValue = "1000", description = "Inference batch size (default: ${DEFAULT-VALUE}).")
    int inferBatch;

    @Mixin ConfigOverrides overrides;
    @Mixin ThreadsOption threads;
    @Mixin DeviceOption device;

    @Override public Integer call() {
        threads.use();
        for (Path config : configs) {
            ThroughputBenchmark.Result r = ThroughputBenchmark.measure(config, device.addedTo(overrides.values), batch, inferBatch, seconds);
            System.out.printf(Locale.ROOT, "%-14s train batch %d: %9.1f img/s %7.2f GFLOP/s | infer batch %d: %9.1f img/s | device %s%n",
                    r.name(), batch, r.trainImagesPerSecond(), r.trainGflops(), inferBatch, r.inferImagesPerSecond(), r.device());
            System.out.printf(Locale.ROOT, "RESULT throughput model=%s train_img_s=%.1f infer_img_s=%.1f train_gflops=%.3f%n",
                    r.name(), r.trainImagesPerSecond(), r.inferImagesPerSecond(), r.trainGflops());
            r.trainStepDevice().ifPresent(t -> System.out.printf(Locale.ROOT,
                    "%-14s per training step on the device: %d launches, compute %.2f ms, transfer %.3f ms, %.1f KB in by %d copies,"
                            + " %.2f KB out by %d, %d host fallbacks%n", r.name(), t.launches(), t.computeNanos() / 1e6, t.transferNanos() / 1e6,
                    t.bytesToDevice() / 1e3, t.uploads(), t.bytesFromDevice() / 1e3, t.downloads(), t.hostFallbacks()));
            r.trainStepDevice().ifPresent(t -> System.out.printf(Locale.ROOT, "%-14s slowest kernels per training step: %s%n",
                    r.name(), t.slowestKernels(5)));
        }
        return ExitCode.OK;
    }
}
