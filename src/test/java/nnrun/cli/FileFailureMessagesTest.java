package nnrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write names the file and its real cause: missing folder, file in the way, read-only disk, full disk. */
class FileFailureMessagesTest {
    @TempDir Path dir;
    private final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) run("umount", "-l", m.toString());
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /** A tmpfs of {@code size} at dir/name; the test is skipped where mounting is not permitted (not root, no CAP_SYS_ADMIN). */
    private Path tmpfs(String name, String size) throws Exception {
        Path at = Files.createDirectory(dir.resolve(name));
        int rc;
        try {
            rc = run("mount", "-t", "tmpfs", "-o", "size=" + size, "none", at.toString());
        } catch (IOException noMountCommand) {
            rc = -1;
        }
        assumeTrue(rc == 0, "mounting a tmpfs is not permitted here (needs root), so this disk condition cannot be made");
        mounts.add(0, at);
        return at;
    }

    @Test
    void aMissingFolderIsNamedNotNull() {
        Path out = dir.resolve("missing/sub/g.dot");
        var r = CliRunner.run("graph", "configs/demo_spirals.yaml", "-o", out.toString());
        assertEquals(4, r.exitCode(), r.err());
        assertEquals("error: no such file: " + out + " (the folder " + dir.resolve("missing/sub")
                + " does not exist; create it or choose another path)\n", r.err());
    }

    @Test
    void aFileWhereAFolderShouldBeIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("runs"), "x");
        var r = CliRunner.run("configs/demo_spirals.yaml", "--runs-dir", file.resolve("sweep").toString());
        assertEquals(4, r.exitCode(), r.err());
        assertEquals("error: cannot write " + file.resolve("sweep") + ": " + file
                + " is a file, not a folder (move it or choose another path)\n", r.err());
    }

    @Test
    void aReadOnlyDiskIsNamedAsSuch() throws Exception {
        Path ro = tmpfs("ro", "1m");
        assumeTrue(run("mount", "-o", "remount,ro", ro.toString()) == 0, "remounting read-only is not permitted here");
        var r = CliRunner.run("configs/demo_spirals.yaml", "--runs-dir", ro.resolve("runs").toString());
        assertEquals(4, r.exitCode(), r.err());
        assertEquals("error: cannot write " + ro.resolve("runs") + ": the file system is read-only"
                + " (choose a folder on a writable disk with --runs-dir)\n", r.err());
    }

    @Test
    void aFullDiskNamesTheFileThatDidNotFit() throws Exception {
        Path small = tmpfs("small", "64k");
        var r = CliRunner.run("configs/demo_spirals.yaml", "--runs-dir", small.toString(), "--device", "java");
        assertEquals(4, r.exitCode(), r.err());
        Matcher m = Pattern.compile("error: cannot write (\\S+): the disk is full \\(No space left on device\\);"
                + " free some space or choose another folder with --runs-dir\n").matcher(r.err());
        assertTrue(m.matches(), r.err());
        assertTrue(Path.of(m.group(1)).startsWith(small) && !m.group(1).endsWith(".tmp"), "names the file it was writing: " + m.group(1));
    }

    @Test
    void permissionDeniedOnAFileToBeCreatedStaysAWriteProblem() {
        // Root ignores permissions, so the exception Java raises for EACCES is given directly.
        Path target = dir.resolve("locked/summary.json");
        assertEquals("cannot write " + target + ": permission denied (choose a writable folder with --runs-dir)",
                ErrorReporter.message(new AccessDeniedException(target.toString())));
    }

    @Test
    void aFullDiskWithoutAPathStillSaysTheDiskIsFull() {
        assertEquals("the disk is full (No space left on device); free some space or choose another folder with --runs-dir",
                ErrorReporter.message(new IOException("No space left on device")));
    }
}
