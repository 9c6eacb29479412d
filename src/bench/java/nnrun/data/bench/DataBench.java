package nnrun.data.bench;

import java.nio.file.Path;
import java.util.Locale;
import nnrun.data.Batch;
import nnrun.data.DataLoader;
import nnrun.data.Dataset;
import nnrun.data.DatasetLocator;
import nnrun.data.DatasetRepository;
import nnrun.data.HorizontalFlip;
import nnrun.data.Normalization;
import nnrun.data.RandomCrop;
import nnrun.data.Split;
import nnrun.data.StandardDataset;

/**
 * Times what the data layer costs a training run: loading and decoding all of MNIST and all of
 * CIFAR-10 from their official files, and one epoch of normalized, augmented CIFAR-10 batches of
 * 128 with no model. Usage: {@code DataBench [data root]} (default: $NNRUN_DATA).
 * Each figure is reported for the first (cold) run and the best of three.
 */
public final class DataBench {

    private static final int REPEATS = 3;

    private DataBench() {
    }

    public static void main(String[] args) {
        Path root = args.length > 0 ? Path.of(args[0]) : null;
        DatasetRepository repository = new DatasetRepository(
                new DatasetLocator(root, null, System.getenv(), Path.of("")), null);

        time("MNIST load+decode, train+test (70,000 images)", () -> {
            Dataset train = repository.load(StandardDataset.MNIST, Split.TRAIN);
            Dataset test = repository.load(StandardDataset.MNIST, Split.TEST);
            return train.size() + test.size();
        });
        time("CIFAR-10 load+decode, train+test (60,000 images)", () -> {
            Dataset train = repository.load(StandardDataset.CIFAR10, Split.TRAIN);
            Dataset test = repository.load(StandardDataset.CIFAR10, Split.TEST);
            return train.size() + test.size();
        });

        Dataset train = repository.load(StandardDataset.CIFAR10, Split.TRAIN);
        Normalization normalization = Normalization.fit(train);
        DataLoader loader = DataLoader.builder(train).batchSize(128).seed(1)
                .augment(new RandomCrop(4), new HorizontalFlip(0.5)).normalize(normalization).build();
        int[] epoch = {0};
        time("CIFAR-10 one epoch, batch 128, crop 32 pad 4 + flip + normalize", () -> {
            int samples = 0;
            try (DataLoader.Epoch batches = loader.epoch(epoch[0]++)) {
                for (Batch batch : batches) {
                    samples += batch.size();
                }
            }
            return samples;
        });
        System.out.printf(Locale.ROOT, "heap used after the runs: %d MB (max %d MB)%n",
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private interface Work {
        int run();
    }

    private static void time(String what, Work work) {
        double first = 0;
        double best = Double.MAX_VALUE;
        int items = 0;
        for (int r = 0; r < REPEATS; r++) {
            long start = System.nanoTime();
            items = work.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            first = r == 0 ? seconds : first;
            best = Math.min(best, seconds);
        }
        System.out.printf(Locale.ROOT, "%-66s first %.3f s, best %.3f s (%d samples)%n", what, first, best, items);
    }
}
