package nnrun.data;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/** A dataset's training and test splits, and which files they were read from. */
public record DatasetSplits(Dataset train, Dataset test, DataProvenance provenance) {

    /**
     * Reads the training split on this thread while the test split and the fingerprints are read on
     * two others. Fingerprinting decompresses and hashes every file a second time: done one after
     * the other, MNIST took 263 + 41 + 257 ms on a cold JVM (AMD EPYC), start-up a user waits
     * through with the second core idle. The first failure is thrown as it was.
     */
    public static DatasetSplits read(Supplier<Dataset> train, Supplier<Dataset> test, Supplier<DataProvenance> provenance) {
        FutureTask<Dataset> testTask = background("test split", test);
        FutureTask<DataProvenance> provenanceTask = background("fingerprints", provenance);
        Dataset trainSplit = train.get();
        return new DatasetSplits(trainSplit, result(testTask), result(provenanceTask));
    }

    private static <T> FutureTask<T> background(String what, Supplier<T> work) {
        FutureTask<T> task = new FutureTask<>(work::get);
        Thread thread = new Thread(task, "nnrun-data-" + what.replace(' ', '-'));
        thread.setDaemon(true); // a failed training split must not wait for these
        thread.start();
        return task;
    }

    private static <T> T result(FutureTask<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("interrupted while reading the data", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new DataException("reading the data failed: " + e.getCause(), e.getCause());
        }
    }
}
