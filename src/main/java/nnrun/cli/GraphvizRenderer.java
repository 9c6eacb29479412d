package nnrun.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Renders DOT with Graphviz's `dot` program, which nnrun does not bundle. */
final class GraphvizRenderer {
    private GraphvizRenderer() {}

    static void render(String dot, String format, Path out) throws IOException, InterruptedException {
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".graph", "." + format);
        try {
            Process p;
            try {
                p = new ProcessBuilder("dot", "-T" + format, "-o", tmp.toString()).redirectErrorStream(true).start();
            } catch (IOException notInstalled) {
                throw new UsageException("rendering " + format + " needs Graphviz's `dot` (Debian: apt-get install graphviz); "
                        + "or write DOT with -o " + out.getFileName().toString().replaceAll("\\.\\w+$", ".dot"));
            }
            p.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IOException("dot failed: " + output.strip());
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
