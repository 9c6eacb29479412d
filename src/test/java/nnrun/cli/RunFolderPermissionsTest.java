package nnrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder on a shared disk is readable by whoever the user's umask lets read new files. */
class RunFolderPermissionsTest {
    @TempDir Path dir;

    @Test
    void everyFileAndFolderOfARunHasTheUmaskPermissions() throws Exception {
        Path reference = Files.writeString(dir.resolve("file"), "x");
        Path referenceDir = Files.createDirectory(dir.resolve("folder"));
        Set<PosixFilePermission> file = Files.getPosixFilePermissions(reference);
        assumeTrue(file.contains(PosixFilePermission.GROUP_READ) || file.contains(PosixFilePermission.OTHERS_READ),
                "the umask already hides new files from everyone else");
        String filePerms = PosixFilePermissions.toString(file);
        String dirPerms = PosixFilePermissions.toString(Files.getPosixFilePermissions(referenceDir));

        Path runs = dir.resolve("runs");
        var r = CliRunner.run("configs/demo_spirals.yaml", "--runs-dir", runs.toString(), "--device", "java",
                "--set", "train.epochs=1");
        assertEquals(0, r.exitCode(), r.err());

        Map<String, String> expected = new TreeMap<>(), actual = new TreeMap<>();
        try (Stream<Path> all = Files.walk(runs)) {
            for (Path p : all.toList()) {
                String name = runs.relativize(p).toString();
                expected.put(name, Files.isDirectory(p) ? dirPerms : filePerms);
                actual.put(name, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        assertEquals(expected, actual);
    }
}
