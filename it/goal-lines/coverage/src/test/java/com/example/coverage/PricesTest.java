package com.example.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PricesTest {
    @Test
    void multiplies() {
        assertEquals(6, new Prices().total(2, 3));
    }

    /** A test that talks a lot: its lines pass through Maven's console, and must come out byte for byte. */
    @Test
    void talksALot() {
        for (int i = 0; i < 5000; i++) {
            System.out.println("[WARNING] price check " + i + ": total " + (i * 7) + " \u00e9t\u00e9 \u2713");
        }
        System.out.print("no newline at the end");
        System.out.flush();
    }
}
