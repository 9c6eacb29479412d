package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `nnrun plot`: run folders or folders of runs in, one PNG or SVG out. */
class PlotCommandTest {
    @TempDir Path tmp;

    private Path run(String folder) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("runs").resolve(folder));
        Files.writeString(dir.resolve("config.yaml"), "name: demo\n");
        Files.writeString(dir.resolve("metrics.csv"), """
                epoch,split,loss,error,lr,seconds,samples_per_s
                1,train,0.09,0.05,0.1,1,100
                1,test,0.085,0.04,0.1,1,100
                2,train,0.06,0.03,0.1,1,100
                2,test,0.065,0.035,0.1,1,100
                """);
        return dir;
    }

    @Test
    void twoRunsOfOneConfigArePlottedTogether() throws Exception {
        Path a = run("20261122-000000_demo"), b = run("20261122-000100_demo");
        Path png = tmp.resolve("both.png");
        var r = CliRunner.run("plot", a.toString(), b.toString(), "-o", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("wrote " + png + "\n", r.out());
        assertEquals(1280, ImageIO.read(png.toFile()).getWidth(), "loss and error side by side");
    }

    @Test
    void aFolderOfRunsPlotsEveryRunInIt() throws Exception {
        run("20261122-000000_demo");
        run("20261122-000100_demo");
        Files.createDirectories(tmp.resolve("runs").resolve("20261122-000200_starting")); // no metrics yet: left out
        Path png = tmp.resolve("all.png");
        var r = CliRunner.run("plot", tmp.resolve("runs").toString(), "-o", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void aFolderWithoutMetricsOrAMissingFolderIsAUsageErrorThatSaysSo() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        var r = CliRunner.run("plot", empty.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("error: no runs found in " + empty + " (a run folder holds metrics.csv once its first epoch has finished)\n", r.err());

        var missing = CliRunner.run("plot", tmp.resolve("nope").toString());
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().startsWith("error: " + tmp.resolve("nope") + " does not exist; pass a run folder such as"), missing.err());
    }

    @Test
    void anSvgFileIsRealSvgUnderTheNameAsked() throws Exception {
        Path a = run("20261122-000000_demo");
        Path svg = tmp.resolve("curves.svg");
        var r = CliRunner.run("plot", a.toString(), "-o", svg.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("wrote " + svg + "\n", r.out());
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<?xml") && text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
        assertFalse(Files.exists(tmp.resolve("curves.svg.png")));
    }

    @Test
    void anotherExtensionIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path a = run("20261122-000000_demo");
        var r = CliRunner.run("plot", a.toString(), "-o", tmp.resolve("curves.jpg").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("error: -o " + tmp.resolve("curves.jpg") + ": plot writes .png or .svg files (e.g. -o curves.svg)\n", r.err());
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "only the runs folder");
        }
    }
}
