package nnrun.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at any moment of the checkpoint writes leaves last.ckpt, best.ckpt and every
 * epoch-NNNN.ckpt whole: each name only ever points at a finished file (#14: the copies used to
 * be Files.copy over the old file, torn 9 times in 9).
 */
class CheckpointPolicyKillTest {
    @TempDir Path dir;

    @Test
    void killingTheWriterAnywhereLeavesEveryCheckpointNameReadable() throws Exception {
        RunDirectory run = RunDirectory.create(dir, "x", Instant.now());
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        int lastEpochSeen = 0;
        for (int round = 0; round < 4; round++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CheckpointPolicyLoop.class.getName(),
                    run.path().toString()).redirectErrorStream(true).start();
            long before = Files.exists(run.lastCheckpoint()) ? Files.getLastModifiedTime(run.lastCheckpoint()).toMillis() : 0;
            for (int i = 0; i < 300 && (!Files.exists(run.lastCheckpoint())
                    || Files.getLastModifiedTime(run.lastCheckpoint()).toMillis() == before); i++) Thread.sleep(100); // writing now
            Thread.sleep(15 + 23L * round); // then somewhere inside a later write (each epoch writes 4 MB and links it twice)
            p.destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            if (!Files.exists(run.lastCheckpoint())) continue; // killed before the first epoch finished
            lastEpochSeen = Checkpoint.read(run.lastCheckpoint()).state().epoch();
            int best = Checkpoint.read(run.bestCheckpoint()).state().epoch();
            assertTrue(best >= lastEpochSeen - 1 && best <= lastEpochSeen, "best " + best + ", last " + lastEpochSeen);
            try (var files = Files.list(run.checkpoints())) {
                List<Path> epochFiles = files.filter(f -> f.getFileName().toString().matches("epoch-\\d+\\.ckpt")).toList();
                for (Path f : epochFiles) assertEquals(f.getFileName().toString(),
                        String.format("epoch-%04d.ckpt", Checkpoint.read(f).state().epoch()), "a whole checkpoint of its own epoch");
            }
        }
        assertTrue(lastEpochSeen > 0, "the child wrote at least one epoch");
    }
}
