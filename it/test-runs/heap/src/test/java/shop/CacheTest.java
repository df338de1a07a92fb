package shop;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheTest {
    @Test
    void keepsEverything() {
        List<long[]> cache = new ArrayList<>();
        while (true) {
            cache.add(new long[1 << 20]);
        }
    }
}
