package com.example.menu;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MenuTest {
    static IntStream dishes() {
        return IntStream.rangeClosed(1, 60);
    }

    /** Sixty failures of about 400 characters each: accents, CJK, emoji outside the BMP, colour codes, CR LF. */
    @ParameterizedTest
    @MethodSource("dishes")
    void pricesEveryDish(int dish) {
        StringBuilder message = new StringBuilder("Plat n°" + dish + " « crème brûlée » 中文菜单 \uD83C\uDF5C\uD83C\uDF89"
                + " \u001B[31mprix inattendu\u001B[0m:");
        for (int i = 0; i < 12; i++) {
            message.append(" café ").append(i).append(" \uD83D\uDE00 àéîõü");
        }
        fail(message.append("\r\nsecond line").toString());
    }
}
