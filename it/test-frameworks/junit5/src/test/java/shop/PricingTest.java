package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricingTest {
    private final Map<String, Integer> prices = null;

    private int price(String item) {
        return prices.get(item);
    }

    @Test
    void shoe() {
        assertEquals(10, price("shoe"));
    }

    @Test
    void sock() {
        assertEquals(2, price("sock"));
    }

    @Test
    void hat() {
        assertEquals(5, price("hat"));
    }

    @Test
    void deepState() {
        throw new IllegalStateException("pricing table not loaded\nCaused by the missing file prices.csv\n\tat somewhere");
    }
}
