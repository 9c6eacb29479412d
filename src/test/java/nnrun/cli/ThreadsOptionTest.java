package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.backend.cpu.ThreadBudget;

/** --threads sizes the java device's pool, and the run log says which setting decided. */
class ThreadsOptionTest {
    @TempDir Path tmp;

    @AfterEach
    void backToThisProcessesBudget() {
        ThreadBudget.use(ThreadBudget.ofThisProcess(null)); // the budget is per process; leave it as other tests expect
    }

    @Test
    void trainOnTheJavaDeviceLogsTheThreadsAndWhere() {
        var r = CliRunner.run("train", "configs/demo_spirals.yaml", "--set", "train.epochs=1", "--device", "java",
                "--threads", "1", "--runs-dir", tmp.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("backend: Java Vector API") && r.out().contains("1 thread (--threads 1)"), r.out());
    }

    @Test
    void zeroThreadsIsAUsageErrorThatSaysWhatToGive() {
        var r = CliRunner.run("train", "configs/demo_spirals.yaml", "--threads", "0", "--runs-dir", tmp.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--threads 0: give a whole number of threads >= 1"), r.err());
    }
}
