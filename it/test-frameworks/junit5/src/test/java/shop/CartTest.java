package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CartTest {
    private final List<String> items = new ArrayList<>();

    @Test
    void total() {
        assertEquals(42, 41, "total of the cart");
    }

    @Test
    void firstItem() {
        String first = items.get(0);
        assertEquals("shoe", first);
    }

    @Test
    void rejectsNegative() {
        assertThrows(IllegalArgumentException.class, () -> items.add("-1"));
    }

    @Test
    void isEmpty() {
        assertTrue(items.size() > 3, () -> "cart should hold more than three items");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void quantities(int quantity) {
        assertEquals(0, quantity % 2, "even quantity");
    }

    @Test
    void passes() {
        assertEquals(2, 1 + 1);
    }
}
