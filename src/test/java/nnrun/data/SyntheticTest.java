package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticTest {

    private static float[] all(Dataset d) {
        float[] x = new float[d.size() * d.sampleLength()];
        for (int i = 0; i < d.size(); i++) {
            d.copyFeatures(i, x, i * d.sampleLength());
        }
        return x;
    }

    @Test
    void sameSeedSameSetDifferentSeedDifferentSet() {
        assertArrayEquals(all(Synthetic.twoSpirals(200, 0.05, 7)), all(Synthetic.twoSpirals(200, 0.05, 7)));
        assertNotEquals(all(Synthetic.twoSpirals(200, 0.05, 7))[0], all(Synthetic.twoSpirals(200, 0.05, 8))[0]);
    }

    @Test
    void spiralsAreBalancedAndInsideTheUnitDiscWithoutNoise() {
        Dataset d = Synthetic.twoSpirals(500, 0, 1);
        assertArrayEquals(new int[] {250, 250}, d.classCounts());
        float[] x = all(d);
        for (int i = 0; i < d.size(); i++) {
            assertTrue(Math.hypot(x[2 * i], x[2 * i + 1]) <= 1.0 + 1e-6);
        }
    }

    @Test
    void xorLabelsFollowTheQuadrantsWithoutNoise() {
        Dataset d = Synthetic.xor(400, 0, 3);
        float[] x = all(d);
        for (int i = 0; i < d.size(); i++) {
            assertEquals(x[2 * i] * x[2 * i + 1] < 0 ? 1 : 0, d.label(i));
        }
    }

    @Test
    void blobsHaveTheRequestedShapeAndClassesAndCluster() {
        Dataset d = Synthetic.gaussianBlobs(300, 3, 5, 0.01, 11);
        assertArrayEquals(new int[] {5}, d.sampleShape());
        assertArrayEquals(new int[] {100, 100, 100}, d.classCounts());
        float[] x = all(d);
        // Samples 0 and 3 share class 0, so with spread 0.01 they lie within a few hundredths of each other.
        for (int k = 0; k < 5; k++) {
            assertEquals(x[k], x[3 * 5 + k], 0.1);
        }
    }
}
