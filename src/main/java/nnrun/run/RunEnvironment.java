package nnrun.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Where and when a run ran, for the record: start and end time (UTC, ISO-8601; end null while
 * running), the command line, the git commit of the nnrun build, the host, and the Slurm job
 * when there is one. A resumed run keeps its first start time and adds its sessions' commands.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunEnvironment(String startTime, String endTime, List<String> commandLine, String gitCommit, String host,
                             String slurmJobId, String user) {

    /** The command line nnrun was started with ({@code nnrun train configs/x.yaml --set ...}); set by the CLI. */
    private static volatile List<String> processArguments = List.of();

    public static void recordCommandLine(List<String> args) { processArguments = List.copyOf(args); }

    static RunEnvironment now(Map<String, String> env) {
        String job = env.get("SLURM_JOB_ID");
        String array = env.get("SLURM_ARRAY_TASK_ID");
        if (job != null && array != null && env.get("SLURM_ARRAY_JOB_ID") != null) job = env.get("SLURM_ARRAY_JOB_ID") + "_" + array;
        return new RunEnvironment(Instant.now().toString(), null, processArguments, currentGitCommit(), localHost(), job, env.get("USER"));
    }

    RunEnvironment ended() {
        return new RunEnvironment(startTime, Instant.now().toString(), commandLine, gitCommit, host, slurmJobId, user);
    }

    /** The same run continued: the first start time, this session's command, host and job. */
    RunEnvironment resumedAs(RunEnvironment session) {
        return new RunEnvironment(startTime, null, session.commandLine, session.gitCommit, session.host, session.slurmJobId, session.user);
    }

    /** The commit the jar was built from (git.properties, written by the build), or "unknown". */
    static String currentGitCommit() {
        try (InputStream in = RunEnvironment.class.getResourceAsStream("/nnrun-git.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String id = p.getProperty("git.commit.id", "unknown");
            return "true".equals(p.getProperty("git.dirty")) ? id + "-dirty" : id;
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }
}
