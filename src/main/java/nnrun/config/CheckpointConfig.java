package nnrun.config;

/** Save a checkpoint every {@code every} epochs, keep the newest {@code keepLast}, and the best one if {@code keepBest}. */
public record CheckpointConfig(int every, int keepLast, boolean keepBest) {}
