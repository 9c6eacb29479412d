package nnrun.backend.opencl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test classpath in a fresh JVM: the only way to see what Aparapi does
 * without assertions enabled, or on a machine whose OpenCL runtime is hidden.
 */
final class ChildJvm {
    record Result(int exitCode, String output) {}

    private ChildJvm() {}

    /** Without -ea; stdout and stderr together. */
    static Result run(Class<?> main, Map<String, String> env, String... args) throws IOException, InterruptedException {
        String javaHome = System.getProperty("java.home");
        List<String> command = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // PoCL's LLVM replaces the JVM's signal handlers unless libjsig is preloaded.
        pb.environment().put("LD_PRELOAD", Path.of(javaHome, "lib", "libjsig.so").toString());
        pb.environment().putAll(env);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(main.getSimpleName() + " did not finish within 60 s:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
