package nnrun.nn;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ModelSummaryUnitsTest {
    @Test
    void countsUseTheLargestUnitBelowThemWithThreeSignificantDigits() {
        assertEquals("26 FLOP", ModelSummary.scaled(26, "FLOP"));
        assertEquals("999 FLOP", ModelSummary.scaled(999, "FLOP"));
        assertEquals("1.00 kFLOP", ModelSummary.scaled(1000, "FLOP"));
        assertEquals("51.2 kFLOP", ModelSummary.scaled(51_210, "FLOP"));
        assertEquals("1.62 MFLOP", ModelSummary.scaled(1_617_930, "FLOP"));
        assertEquals("809 kMAC", ModelSummary.scaled(808_960, "MAC"));
        assertEquals("1.00 MFLOP", ModelSummary.scaled(999_999, "FLOP"));
        assertEquals("3.40 GFLOP", ModelSummary.scaled(3_400_000_000L, "FLOP"));
    }
}
