package nnrun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    /** What the user's umask gives a newly created file: the permissions a colleague's compare relies on. */
    static Set<PosixFilePermission> umaskFilePermissions(Path dir) throws Exception {
        Path reference = Files.writeString(dir.resolve("created-normally"), "x");
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        Files.delete(reference);
        assumeTrue(expected.contains(PosixFilePermission.GROUP_READ) || expected.contains(PosixFilePermission.OTHERS_READ),
                "the umask already hides new files from everyone else (" + PosixFilePermissions.toString(expected) + ")");
        return expected;
    }

    @Test
    void writtenFilesGetTheUmaskPermissionsNotOwnerOnly() throws Exception {
        Set<PosixFilePermission> expected = umaskFilePermissions(dir);
        Path target = dir.resolve("summary.json");
        AtomicFiles.writeString(target, "{}");
        assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        AtomicFiles.writeString(target, "{\"again\": true}");
        assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions.toString(Files.getPosixFilePermissions(target)),
                "replacing a file keeps it readable too");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
