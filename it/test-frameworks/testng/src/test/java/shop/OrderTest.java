package shop;

import static org.testng.Assert.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class OrderTest {
    @Test
    public void total() {
        assertEquals(41, 42, "total of the order");
    }

    @Test
    public void lookup() {
        Map<String, String> orders = new HashMap<>();
        orders.get("o-1").length();
    }

    @DataProvider
    public Object[][] amounts() {
        return new Object[][] {{1}, {2}};
    }

    @Test(dataProvider = "amounts")
    public void amount(int amount) {
        assertEquals(amount, 1);
    }

    @Test
    public void lists() {
        assertEquals(java.util.Arrays.asList("a", "b"), java.util.Arrays.asList("a", "c"));
    }

    @Test
    public void passes() {
        assertEquals(2, 1 + 1);
    }
}
