package com.example.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScopesTest {
    private final Injector injector = new Injector();

    @Test
    void scopes1() {
        assertEquals("Scopes", injector.getInstance(String.class));
    }

    @Test
    void scopes2() {
        assertEquals("Scopes", injector.getInstance(String.class));
    }

    @Test
    void scopes3() {
        assertEquals("Scopes", injector.getInstance(String.class));
    }

    @Test
    void scopes4() {
        assertEquals("Scopes", injector.getInstance(String.class));
    }

    @Test
    void scopes5() {
        assertEquals("Scopes", injector.getInstance(String.class));
    }

    @Test
    void scopes6() {
        assertEquals("Scopes", injector.getInstance(String.class));
    }

    @Test
    void emptyInjector() {
        assertEquals(0, injector.size());
    }
}
