package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** `nnrun summary`: the counts a user compares with ptflops or fvcore, in units that fit the model. */
class SummaryCommandTest {
    @Test
    void aSmallModelShowsMacsAndFlopsInUnitsThatFitAndSaysHowTheyAreCounted() {
        var r = CliRunner.run("summary", "configs/demo_spirals.yaml");
        assertEquals(0, r.exitCode(), r.err());
        // linear 2→64, tanh, linear 64→64, tanh, linear 64→2: 128 + 4096 + 128 multiply-adds
        assertTrue(r.out().contains("Forward pass per sample: 4.35 kMAC (4,352 multiply-adds), 8.96 kFLOP (8,962)\n"), r.out());
        assertTrue(r.out().contains("MACs: multiply-adds of linear and conv layers (ptflops' MACs, fvcore's FLOPs)."), r.out());
        assertTrue(r.out().contains("FLOPs: 2 per multiply-add, plus bias adds, activations, pooling, normalization."), r.out());
        assertFalse(r.out().contains("0.000 GFLOP"), r.out());
    }

    @Test
    void theConvNetsCountsReadInMega() {
        var r = CliRunner.run("summary", "configs/mnist_convnet.yaml");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("4.24 MMAC (4,241,152 multiply-adds), 8.60 MFLOP (8,595,466)"), r.out());
    }
}
