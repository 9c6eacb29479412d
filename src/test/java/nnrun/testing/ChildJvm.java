package nnrun.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test classpath in a fresh JVM: the only way to see what Aparapi does
 * without assertions enabled, on a machine whose OpenCL runtime is hidden, or on a CPU with
 * narrower vectors ({@code -XX:UseAVX=2}).
 */
public final class ChildJvm {
    public record Result(int exitCode, String output) {}

    private ChildJvm() {}

    /** Without -ea; stdout and stderr together; at most 60 s. */
    public static Result run(Class<?> main, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(main, List.of(), env, 60, args);
    }

    /** The same with JVM options before the main class and a time limit in seconds. */
    public static Result run(Class<?> main, List<String> jvmOptions, Map<String, String> env, int seconds, String... args)
            throws IOException, InterruptedException {
        String javaHome = System.getProperty("java.home");
        List<String> command = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // PoCL's LLVM replaces the JVM's signal handlers unless libjsig is preloaded.
        pb.environment().put("LD_PRELOAD", Path.of(javaHome, "lib", "libjsig.so").toString());
        pb.environment().putAll(env);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(main.getSimpleName() + " did not finish within " + seconds + " s:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
