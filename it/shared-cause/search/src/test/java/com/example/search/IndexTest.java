package com.example.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IndexTest {
    @Test
    void findsEveryShoe() {
        assertEquals(3, new Index().hits("shoe"), "hits for shoe");
    }
}
