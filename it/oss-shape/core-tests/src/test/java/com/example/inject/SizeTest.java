package com.example.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SizeTest {
    @Test
    void countsBindings() {
        assertEquals(3, new Injector().size(), "bindings after configure");
    }

    @Test
    void stagesInOrder() {
        assertEquals("DEVELOPMENT, PRODUCTION", Stage.values()[1] + ", " + Stage.values()[0]);
    }
}
