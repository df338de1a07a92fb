package shop;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class LegacyCartTest {
    private final List<String> items = new ArrayList<>();

    @Test
    public void total() {
        assertEquals("total of the cart", 42, 41);
    }

    @Test
    public void firstItem() {
        items.get(0);
    }

    @Test
    public void hamcrest() {
        assertThat("count", items.size(), is(1));
    }

    @Test
    public void truth() {
        com.google.common.truth.Truth.assertThat(items).contains("shoe");
    }

    @Test
    public void strings() {
        assertEquals("red shoe", "blue shoe");
    }

    @Test
    public void passes() {
        assertEquals(2, 1 + 1);
    }
}
