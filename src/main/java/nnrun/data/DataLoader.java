package nnrun.data;

import nnrun.backend.Backends;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Turns a {@link Dataset} into mini-batches, one epoch at a time.
 *
 * <p>Determinism: epoch e's sample order is {@link Permutation#shuffled} driven by
 * {@code SplitMix64.forKeys(seed, e)}, and batch b's augmentations draw from
 * {@code SplitMix64.forKeys(seed, e, b)}. So the batches depend only on (dataset, options, seed,
 * epoch): asking for {@link #epoch(int) epoch(7)} in a resumed run gives exactly the batches the
 * original run saw in epoch 7, on any machine.
 *
 * <p>Each epoch runs a background thread that prepares up to {@code prefetch} batches ahead of
 * the consumer; an exception there is rethrown to the consumer by {@link Epoch#next()}.
 */
public final class DataLoader {

    /** Keeps the augmentation streams apart from the shuffle streams of the same seed and epoch. */
    private static final long AUGMENT_STREAM = 0x6175676DL;

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private final List<Augmentation> augmentations;
    private final Normalization normalization;
    private final int prefetch;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.seed = b.seed;
        this.augmentations = List.copyOf(b.augmentations);
        this.normalization = b.normalization;
        this.prefetch = b.prefetch;
    }

    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    public Dataset dataset() {
        return dataset;
    }

    /** Batches per epoch: a final short batch counts unless drop-last is on. */
    public int batchesPerEpoch() {
        return dropLast ? dataset.size() / batchSize : (dataset.size() + batchSize - 1) / batchSize;
    }

    /** The sample order of an epoch (identity when shuffling is off). */
    public int[] order(int epoch) {
        return shuffle ? Permutation.shuffled(dataset.size(), SplitMix64.forKeys(seed, epoch))
                : Permutation.identity(dataset.size());
    }

    /** Starts preparing the batches of the given epoch (0-based) in the background. */
    public Epoch epoch(int epoch) {
        return new Epoch(epoch);
    }

    /** Builds batch {@code b} of an epoch whose sample order is given; used by the prefetch thread. */
    Batch buildBatch(int epoch, int b, int[] order) {
        int start = b * batchSize;
        int size = Math.min(batchSize, dataset.size() - start);
        int[] shape = dataset.sampleShape();
        int length = dataset.sampleLength();
        // From the backend's cache (the trainer hands each batch back when its step is done). A reused
        // array holds an earlier batch, which the loop overwrites: copyFeatures writes a whole sample.
        float[] x = Backends.current().allocate(size * length);
        int[] labels = Backends.current().allocateIndices(size);
        SplitMix64 random = augmentations.isEmpty() ? null : SplitMix64.forKeys(seed, epoch, b, AUGMENT_STREAM);
        for (int i = 0; i < size; i++) {
            int sample = order[start + i];
            int off = i * length;
            dataset.copyFeatures(sample, x, off);
            labels[i] = dataset.label(sample);
            for (Augmentation augmentation : augmentations) {
                augmentation.apply(x, off, shape, random);
            }
            if (normalization != null) {
                normalization.apply(x, off, shape);
            }
        }
        return new Batch(x, labels, size, shape);
    }

    /** The batches of one epoch, in order. Close it to stop the background thread early. */
    public final class Epoch implements Iterator<Batch>, Iterable<Batch>, AutoCloseable {

        private static final Object END = new Object();

        private final int epoch;
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(prefetch);
        private final Thread producer;
        private volatile boolean closed;
        private Object next;
        private boolean finished;

        private Epoch(int epoch) {
            if (epoch < 0) {
                throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
            }
            this.epoch = epoch;
            this.producer = new Thread(this::produce, "nnrun-data-" + dataset.name() + "-epoch-" + epoch);
            producer.setDaemon(true);
            producer.start();
        }

        private void produce() {
            try {
                int[] order = order(epoch);
                int batches = batchesPerEpoch();
                for (int b = 0; b < batches && !closed; b++) {
                    queue.put(buildBatch(epoch, b, order));
                }
                queue.put(END);
            } catch (InterruptedException e) {
                // close() asked us to stop; nobody is waiting for the rest.
            } catch (RuntimeException | Error e) {
                try {
                    queue.put(new Failure(e));
                } catch (InterruptedException ignored) {
                    // Closed while reporting: the consumer is gone.
                }
            }
        }

        @Override
        public boolean hasNext() {
            if (finished) {
                return false;
            }
            if (next == null) {
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DataException("interrupted while waiting for the next batch of "
                            + dataset.name(), e);
                }
            }
            if (next == END) {
                finished = true;
                return false;
            }
            if (next instanceof Failure failure) {
                finished = true;
                Throwable cause = failure.cause();
                throw new DataException("preparing a batch of " + dataset.name() + " (epoch " + epoch
                        + ") failed: " + cause.getMessage(), cause);
            }
            return true;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch " + epoch + " of " + dataset.name() + " has no more batches");
            }
            Batch batch = (Batch) next;
            next = null;
            return batch;
        }

        /** This epoch as a one-shot iterable, for for-each loops. */
        @Override
        public Iterator<Batch> iterator() {
            return this;
        }

        /** Stops the background thread and waits for it; safe to call more than once. */
        @Override
        public void close() {
            closed = true;
            finished = true;
            producer.interrupt();
            try {
                producer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            queue.clear();
        }

        private record Failure(Throwable cause) {
        }
    }

    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 32;
        private boolean shuffle = true;
        private boolean dropLast;
        private long seed;
        private final List<Augmentation> augmentations = new ArrayList<>();
        private Normalization normalization;
        private int prefetch = 2;

        private Builder(Dataset dataset) {
            this.dataset = dataset;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Shuffle every epoch (the default); off keeps dataset order, for evaluation. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Skip the final batch when it would be smaller than the batch size. */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Applied in the order given, to [0,1]-scaled samples, before normalization. */
        public Builder augment(Augmentation... augmentation) {
            augmentations.addAll(List.of(augmentation));
            return this;
        }

        public Builder normalize(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        /** How many batches the background thread may prepare ahead (default 2). */
        public Builder prefetch(int prefetch) {
            if (prefetch <= 0) {
                throw new IllegalArgumentException("prefetch must be positive, got " + prefetch);
            }
            this.prefetch = prefetch;
            return this;
        }

        public DataLoader build() {
            int[] shape = dataset.sampleShape();
            for (Augmentation augmentation : augmentations) {
                Augmentation.requireImage(shape, augmentation.toString());
            }
            if (normalization != null && normalization.mean().length != shape[0]) {
                throw new IllegalArgumentException("normalization has " + normalization.mean().length
                        + " channels but " + dataset + " has " + shape[0]);
            }
            if (dropLast && dataset.size() < batchSize) {
                throw new IllegalArgumentException(dataset.name() + " has " + dataset.size()
                        + " samples, fewer than one batch of " + batchSize + ", so drop-last leaves no batches");
            }
            return new DataLoader(this);
        }
    }
}
