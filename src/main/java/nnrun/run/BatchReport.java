package nnrun.run;

/**
 * One training step done: batch {@code index} (1-based) of {@code batches} in {@code epoch}, its
 * loss, and the epoch's running totals. {@code firstIndex} is where this process started the epoch
 * (after a resume, past 1), so rates and ETAs count only the batches it trained.
 */
public record BatchReport(int epoch, int index, int batches, int firstIndex, float loss, EpochTotals totals) {}
