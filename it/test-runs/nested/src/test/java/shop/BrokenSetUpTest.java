package shop;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BrokenSetUpTest {
    @BeforeEach
    void setUp() {
        throw new IllegalStateException("no database");
    }

    @Test
    void deletesUsers() {
    }

    @Test
    void addsUsers() {
    }
}
