package nnrun.data;

/** The two splits a dataset gives: what training may see (validation is held out of it later) and the test split. */
public record DatasetSplits(Dataset train, Dataset test) {}
