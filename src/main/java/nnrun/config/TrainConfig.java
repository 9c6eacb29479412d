package nnrun.config;

import java.util.Optional;

/**
 * The training loop: {@code evalEvery} in epochs, {@code logEvery} in batches between plain log
 * lines when the output is not a terminal (0: only at the end of each epoch).
 */
public record TrainConfig(int epochs, int batchSize, int evalEvery, Optional<EarlyStopping> earlyStopping,
                          boolean dropLast, int logEvery) {}
