package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlakyTest {
    private static int runs;

    @Test
    void passesOnSecondRun() {
        runs++;
        assertEquals(2, runs, "first run");
    }

    @Test
    void alwaysFails() {
        assertEquals(42, 41, "total");
    }

    @Test
    void passes() {
    }
}
