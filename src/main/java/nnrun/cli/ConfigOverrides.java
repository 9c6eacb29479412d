package nnrun.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** --set, for the commands that read a config file. */
final class ConfigOverrides {
    @Option(names = "--set", paramLabel = "KEY.PATH=VALUE", completionCandidates = ConfigKeys.class,
            description = "Override a config key (repeatable), e.g. --set optimizer.lr=0.1 --set model.1.linear.out=256")
    List<String> values = new ArrayList<>();
}
