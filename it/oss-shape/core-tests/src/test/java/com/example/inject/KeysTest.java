package com.example.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeysTest {
    private final Injector injector = new Injector();

    @Test
    void keys1() {
        assertEquals("Keys", injector.getInstance(String.class));
    }

    @Test
    void keys2() {
        assertEquals("Keys", injector.getInstance(String.class));
    }

    @Test
    void keys3() {
        assertEquals("Keys", injector.getInstance(String.class));
    }

    @Test
    void keys4() {
        assertEquals("Keys", injector.getInstance(String.class));
    }

    @Test
    void keys5() {
        assertEquals("Keys", injector.getInstance(String.class));
    }

    @Test
    void keys6() {
        assertEquals("Keys", injector.getInstance(String.class));
    }

    @Test
    void emptyInjector() {
        assertEquals(0, injector.size());
    }
}
