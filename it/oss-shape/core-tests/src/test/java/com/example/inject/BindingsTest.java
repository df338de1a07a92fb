package com.example.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BindingsTest {
    private final Injector injector = new Injector();

    @Test
    void bindings1() {
        assertEquals("Bindings", injector.getInstance(String.class));
    }

    @Test
    void bindings2() {
        assertEquals("Bindings", injector.getInstance(String.class));
    }

    @Test
    void bindings3() {
        assertEquals("Bindings", injector.getInstance(String.class));
    }

    @Test
    void bindings4() {
        assertEquals("Bindings", injector.getInstance(String.class));
    }

    @Test
    void bindings5() {
        assertEquals("Bindings", injector.getInstance(String.class));
    }

    @Test
    void bindings6() {
        assertEquals("Bindings", injector.getInstance(String.class));
    }

    @Test
    void emptyInjector() {
        assertEquals(0, injector.size());
    }
}
