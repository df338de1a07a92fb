package com.example.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProvidersTest {
    private final Injector injector = new Injector();

    @Test
    void providers1() {
        assertEquals("Providers", injector.getInstance(String.class));
    }

    @Test
    void providers2() {
        assertEquals("Providers", injector.getInstance(String.class));
    }

    @Test
    void providers3() {
        assertEquals("Providers", injector.getInstance(String.class));
    }

    @Test
    void providers4() {
        assertEquals("Providers", injector.getInstance(String.class));
    }

    @Test
    void providers5() {
        assertEquals("Providers", injector.getInstance(String.class));
    }

    @Test
    void providers6() {
        assertEquals("Providers", injector.getInstance(String.class));
    }

    @Test
    void emptyInjector() {
        assertEquals(0, injector.size());
    }
}
