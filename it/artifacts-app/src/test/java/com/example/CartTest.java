package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CartTest {
    @Test
    void addsPrices() {
        // -Dshop.brokenTotal=true (passed on by Surefire) makes this test fail, for the failing-build ITs.
        int expected = Boolean.getBoolean("shop.brokenTotal") ? 6 : 5;
        assertEquals(expected, new Cart().total(2, 3));
    }
}
