package nnrun.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Prints the bash completion script: Picocli's, plus one rule Picocli cannot know, that
 * {@code nnrun CONFIG ...} is {@code nnrun train CONFIG ...}, so train's flags follow a config file.
 */
@Command(name = "generate-completion", hidden = true, mixinStandardHelpOptions = true,
        description = "Print the bash completion script: source <(nnrun generate-completion)")
final class CompletionCommand implements Callable<Integer> {
    static final String TOP_LEVEL = "  # No subcommands were specified; generate completions for the top-level command.\n";
    static final String CONFIG_FIRST = "  # `nnrun CONFIG ...` trains: after a config file, complete train's options.\n"
            + "  if (( COMP_CWORD > 1 )) && [[ \"${COMP_WORDS[1]}\" == *.yaml || \"${COMP_WORDS[1]}\" == *.yml ]]; then"
            + " _picocli_nnrun_train; return $?; fi\n";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        String script = AutoComplete.bash("nnrun", spec.root().commandLine());
        if (!script.contains(TOP_LEVEL)) throw new IllegalStateException("Picocli's completion script changed: no top-level branch");
        System.out.print(script.replace(TOP_LEVEL, CONFIG_FIRST + TOP_LEVEL));
        return ExitCode.OK;
    }
}
