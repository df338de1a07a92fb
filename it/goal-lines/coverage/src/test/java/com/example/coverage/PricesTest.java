package com.example.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PricesTest {
    @Test
    void multiplies() {
        assertEquals(6, new Prices().total(2, 3));
    }
}
