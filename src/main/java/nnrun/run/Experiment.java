package nnrun.run;

import nnrun.config.ExperimentConfig;
import nnrun.loss.Loss;
import nnrun.nn.Sequential;
import nnrun.optim.LrSchedule;
import nnrun.optim.Optimizer;

/** Everything a run trains with, each part built once from the config and checked against the data. */
public record Experiment(ExperimentConfig config, ExperimentData data, Sequential model, Loss loss, Optimizer optimizer,
                         LrSchedule schedule, TrainingSettings settings) {}
