package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CartTest {
    @Test
    void adds() {
        assertEquals(5, new Cart().add(2, 3));
    }

    @Test
    void addsNegativeNumbers() {
        assertEquals(-4, new Cart().add(-2, -3), "sum of -2 and -3");
    }
}
