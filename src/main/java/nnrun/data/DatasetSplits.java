package nnrun.data;

/** A dataset's training and test splits, and which files they were read from. */
public record DatasetSplits(Dataset train, Dataset test, DataProvenance provenance) {
}
