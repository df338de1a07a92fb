package com.example.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModulesTest {
    private final Injector injector = new Injector();

    @Test
    void modules1() {
        assertEquals("Modules", injector.getInstance(String.class));
    }

    @Test
    void modules2() {
        assertEquals("Modules", injector.getInstance(String.class));
    }

    @Test
    void modules3() {
        assertEquals("Modules", injector.getInstance(String.class));
    }

    @Test
    void modules4() {
        assertEquals("Modules", injector.getInstance(String.class));
    }

    @Test
    void modules5() {
        assertEquals("Modules", injector.getInstance(String.class));
    }

    @Test
    void modules6() {
        assertEquals("Modules", injector.getInstance(String.class));
    }

    @Test
    void emptyInjector() {
        assertEquals(0, injector.size());
    }
}
