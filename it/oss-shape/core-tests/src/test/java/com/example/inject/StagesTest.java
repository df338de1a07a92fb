package com.example.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StagesTest {
    private final Injector injector = new Injector();

    @Test
    void stages1() {
        assertEquals("Stages", injector.getInstance(String.class));
    }

    @Test
    void stages2() {
        assertEquals("Stages", injector.getInstance(String.class));
    }

    @Test
    void stages3() {
        assertEquals("Stages", injector.getInstance(String.class));
    }

    @Test
    void stages4() {
        assertEquals("Stages", injector.getInstance(String.class));
    }

    @Test
    void stages5() {
        assertEquals("Stages", injector.getInstance(String.class));
    }

    @Test
    void stages6() {
        assertEquals("Stages", injector.getInstance(String.class));
    }

    @Test
    void emptyInjector() {
        assertEquals(0, injector.size());
    }
}
