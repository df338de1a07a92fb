package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerMessagesTest {
    @Test
    void javacErrorsWithTheirContinuationLinesAndWithoutPaths() {
        assertThat(CompilerMessages.errors(List.of("Compilation failure\n"
                + "[ERROR] /home/ci/work/shop/src/main/java/com/example/Cart.java:[5,9] cannot find symbol\n"
                + "  symbol:   class Price\n  location: class com.example.Cart\n"
                + "/home/ci/work/shop/src/main/java/com/example/Cart.java:[5,9] cannot find symbol\n"
                + "  symbol:   class Price\n  location: class com.example.Cart\n")))
                .containsExactly("Cart.java:[5,9] cannot find symbol; symbol: class Price; location: class com.example.Cart");
    }

    @Test
    void aFileNameOfTwoFoldersIsNamedFromTheModulesSrcFolder() {
        assertThat(CompilerMessages.errors(List.of(
                "/home/ci/work/shop/src/main/java/com/example/api/Client.java:[7,21] cannot find symbol\n"
                        + "C:\\work\\shop\\src\\main\\java\\com\\example\\impl\\Client.java:[9,5] incompatible types\n"
                        + "/home/ci/work/shop/src/main/java/com/example/Cart.java:[1,1] class, interface, enum, or record"
                        + " expected")))
                .containsExactly("src/main/java/com/example/api/Client.java:[7,21] cannot find symbol",
                        "src/main/java/com/example/impl/Client.java:[9,5] incompatible types",
                        "Cart.java:[1,1] class, interface, enum, or record expected");
        assertThat(CompilerMessages.relative("/opt/build/generated/")).isEqualTo("generated/");
    }
}
