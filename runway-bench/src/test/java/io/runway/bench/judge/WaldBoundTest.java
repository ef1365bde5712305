package io.runway.bench.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WaldBoundTest {
    @Test
    void divergenceMatchesTheClosedFormAndVanishesAtEquality() {
        // 0.02·ln 4 + 0.98·ln(0.98/0.995) = 0.0277259 - 0.0148864, worked by hand
        assertEquals(0.0128395, WaldBound.bernoulliDivergence(0.02, 0.005), 1e-6);
        assertEquals(0, WaldBound.bernoulliDivergence(0.3, 0.3), 1e-12);
    }

    @Test
    void theBoundForTheBenchmarksCanary() {
        // (0.99·ln 99 + 0.01·ln(0.01/0.99)) / D(2% || 0.5%) = 4.5032 / 0.0128395
        assertEquals(350.7, WaldBound.expectedRequests(0.005, 0.02, 0.01, 0.01), 0.5);
    }

    @Test
    void aToleratedIncreaseAndStricterErrorRatesCostRequests() {
        double strict = WaldBound.expectedRequests(0.005, 0.02, 0.01, 0.01);
        assertTrue(WaldBound.expectedRequests(0.00625, 0.02, 0.01, 0.01) > strict);
        assertTrue(WaldBound.expectedRequests(0.005, 0.02, 0.01, 0.05) < strict);
        assertTrue(WaldBound.expectedRequests(0.005, 0.02, 0.001, 0.01) > strict);
    }
}
