package shop;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.hasItem;

import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class AssertionLibrariesTest {
    private int total() {
        return 41;
    }

    @Test
    void truthValue() {
        assertThat(total()).isEqualTo(42);
    }

    @Test
    void truthWithMessage() {
        assertWithMessage("value of: total()").that(total()).isEqualTo(42);
    }

    @Test
    void truthList() {
        assertThat(Arrays.asList("a", "b")).containsExactly("a", "c");
    }

    @Test
    void hamcrestIs() {
        assertThat(0, is(1));
    }

    @Test
    void hamcrestHasItem() {
        assertThat("sizes", Arrays.asList(40, 41), hasItem(42));
    }

    @Test
    void assertjEquals() {
        Assertions.assertThat("blue shoe").isEqualTo("red shoe");
    }

    @Test
    void assertjContainsExactly() {
        List<String> items = Arrays.asList("shoe", "sock");
        Assertions.assertThat(items).as("cart items").containsExactly("shoe", "hat");
    }

    @Test
    void assertjThrown() {
        Assertions.assertThatThrownBy(() -> Integer.parseInt("42")).isInstanceOf(NumberFormatException.class);
    }
}
