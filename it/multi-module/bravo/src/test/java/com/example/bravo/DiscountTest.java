package com.example.bravo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DiscountTest {
    @Test
    void noDiscount() {
        assertEquals(1000, new Discount().apply(1000, 0));
    }

    @Test
    void tenPercentOff() {
        assertEquals(900, new Discount().apply(1000, 10), "10% off 10.00");
    }
}
