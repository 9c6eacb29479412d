package nnrun.optim;

import nnrun.config.Options;

/**
 * Makes a learning-rate schedule from its options, the optimizer's base lr and the number of
 * epochs it runs for (the run's epochs after any warm-up).
 */
@FunctionalInterface
public interface ScheduleFactory {
    LrSchedule create(Options options, double base, int epochs);
}
