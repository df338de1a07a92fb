package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CartTest {
    @Test
    void empty() {
        assertEquals(0, 0);
    }

    @Nested
    class WithItems {
        @Test
        void total() {
            assertEquals(42, 41, "total");
        }

        @Test
        void count() {
            assertEquals(1, 1);
        }

        @Nested
        class Discounted {
            @Test
            @DisplayName("ten percent off")
            void tenPercent() {
                assertEquals(90, 91);
            }

            @Test
            void free() {
                assertEquals(0, 0);
            }
        }
    }

    @ParameterizedTest(name = "quantity {0} is positive")
    @ValueSource(ints = {1, -2})
    void quantities(int quantity) {
        assertEquals(true, quantity > 0);
    }
}
