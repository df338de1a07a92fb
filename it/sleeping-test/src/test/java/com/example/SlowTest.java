package com.example;

import org.junit.jupiter.api.Test;

class SlowTest {
    @Test
    void takesForever() throws Exception {
        System.out.println("SLOW-TEST-STARTED");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
