package com.example;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Waits like a test that waits on a network or a container, leaving the CPU idle; fails with -Didle.fail=true. */
class IdleTest {
    @Test
    void waitsThenChecks() throws Exception {
        Thread.sleep(2_500);
        assertFalse(Boolean.getBoolean("idle.fail"), "the check after the wait");
    }
}
