package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.Secrets;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** The facts of issue 19: counts, grouped causes, compiler causes across modules, no machine paths, versions. */
class MessageFactsTest {
    private final FailureMessageComposer composer = new FailureMessageComposer(Secrets.none(), null, 0);

    private static ModuleResult tests(String name, File reports) {
        return ModuleResult.failed(name, "maven-surefire-plugin:test", new MojoFailureException(
                "\nPlease refer to /home/ci/work/" + name + "/target/surefire-reports for the individual test results.\n"
                        + "Please refer to dump files (if any exist) [date].dump"), null, List.of(reports));
    }

    private static ModuleResult compile(String name, String... errors) {
        String text = "Compilation failure\n" + String.join("\n", errors);
        return ModuleResult.failed(name, "maven-compiler-plugin:compile",
                new MojoFailureException(null, "Compilation failure", text), text, List.of());
    }

    @Test
    void aTestModuleIsHeadedByItsCountsNeverBySurefiresPathLine() {
        String message = composer.withVersions("3.9.16", "17.0.12")
                .compose(List.of(tests("shop-api", FrameworkReportsTest.fixture("junit4"))), List.of());

        assertThat(message).isEqualTo("Maven build failed in module shop-api\n"
                + "shop-api (maven-surefire-plugin:test): 5 of 6 tests failed (4 failures, 1 error)\n"
                + "  - LegacyCartTest.strings:36 expected:<[red] shoe> but was:<[blue] shoe>\n"
                + "  - LegacyCartTest.hamcrest:26 count Expected: is <1> but: was <0>\n"
                + "  - LegacyCartTest.total:16 total of the cart expected:<42> but was:<41>\n"
                + "  - LegacyCartTest.truth:31 expected to contain: shoe but was : []\n"
                + "  - LegacyCartTest.firstItem:21 IndexOutOfBoundsException: Index 0 out of bounds for length 0\n"
                + "Maven 3.9.16, Java 17.0.12");
    }

    @Test
    void withoutReportsSurefiresPathLineIsStillNoHeader() {
        String message = composer.compose(List.of(tests("shop-api", new File("/nonexistent"))), List.of());

        assertThat(message).isEqualTo("Maven build failed in module shop-api\n"
                + "shop-api (maven-surefire-plugin:test): failed");
    }

    @Test
    void theVersionsLineStaysWhenTheMessageIsCut() {
        String message = new FailureMessageComposer(Secrets.none(), null, 0, 400).withVersions("4.0.0-rc-6", "25")
                .compose(List.of(tests("shop-api", FrameworkReportsTest.fixture("junit5"))), List.of());

        assertThat(message.length()).isLessThanOrEqualTo(400);
        assertThat(message).startsWith("Maven build failed in module shop-api\n"
                + "shop-api (maven-surefire-plugin:test): 18 of 20 tests failed (13 failures, 5 errors)\n"
                + "  - AssertionLibrariesTest.hamcrestHasItem:41 sizes Expected: a collection containing <42>")
                .endsWith("\n\u2026 (truncated; the full log is in the CI run's output)\nMaven 4.0.0-rc-6, Java 25");
    }

    @Test
    void modulesBrokenByOneApiChangeInDifferentClassesShareOneSection() {
        List<ModuleResult> modules = List.of(
                compile("orders", "/home/ci/work/orders/src/main/java/a/Orders.java:[12,9] cannot find symbol",
                        "  symbol:   method register(java.util.List<a.Order>)", "  location: variable r of type api.Registry"),
                compile("billing", "/home/ci/work/billing/src/main/java/b/Billing.java:[30,5] cannot find symbol",
                        "  symbol:   method register(java.util.Map<b.Key,b.Value>)", "  location: class b.Billing"),
                compile("web", "/home/ci/work/web/src/main/java/c/Page.java:[7,31] incompatible types: java.lang.String"
                        + " cannot be converted to int"));

        String message = composer.compose(modules, List.of());

        assertThat(message).isEqualTo("Maven build failed: 3 of 3 modules failed (orders, billing, web)\n"
                + "orders, billing (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - cannot find symbol; symbol: method register(\u2026) \u2014 2 places: Orders.java:12, Billing.java:30\n"
                + "web (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - Page.java:[7,31] incompatible types: java.lang.String cannot be converted to int");
    }

    @Test
    void aWerrorFailureNamesTheFileWithoutTheMachinesPath() {
        String message = composer.compose(List.of(compile("codec",
                "/home/ci/work/codec/src/main/java/com/example/Codec.java: warnings found and -Werror specified")), List.of());

        assertThat(message).isEqualTo("Maven build failed in module codec\n"
                + "codec (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - Codec.java: warnings found and -Werror specified");
    }

    @Test
    void aFewSkippedModulesAreNamedManyAreCounted() {
        List<ModuleResult> modules = new ArrayList<>(List.of(compile("api", "A.java:[1,1] x")));
        for (int i = 0; i < 6; i++) {
            modules.add(ModuleResult.skipped("m" + i));
        }

        assertThat(composer.compose(modules, List.of())).startsWith("Maven build failed: 1 of 7 modules failed (api); 6 skipped\n");
        assertThat(composer.compose(modules.subList(0, 3), List.of()))
                .startsWith("Maven build failed: 1 of 3 modules failed (api); 2 skipped (m0, m1)\n");
    }

    @Test
    void anotherPluginsDetailsGetTheRoomLeftAndKeepTheToolsFixLine() {
        StringBuilder text = new StringBuilder("The following files had format violations:\n");
        for (int i = 0; i < 40; i++) {
            text.append("    src/main/java/com/example/File").append(i).append(".java\n")
                    .append("        @@ -1,3 +1,3 @@\n        -import java.util.List;\n        +import java.util.*;\n        ^\n");
        }
        text.append("Run 'mvn spotless:apply' to fix these violations.");
        ModuleResult module = ModuleResult.failed("shop-api", "spotless-maven-plugin:check",
                new MojoFailureException(text.toString()), null, List.of());

        String message = new FailureMessageComposer(Secrets.none(), null, 0, 1500).compose(List.of(module), List.of());

        assertThat(message.length()).isLessThanOrEqualTo(1500);
        assertThat(message).startsWith("Maven build failed in module shop-api\n"
                + "shop-api (spotless-maven-plugin:check): The following files had format violations:\n"
                + "  - src/main/java/com/example/File0.java\n  - @@ -1,3 +1,3 @@\n  - -import java.util.List;\n")
                .contains("  - src/main/java/com/example/File9.java\n")
                .doesNotContain("  - ^")
                .containsPattern("\n  \u2026 \\d+ more lines\n  - Run 'mvn spotless:apply' to fix these violations.\n\u2026 \\(truncated");
    }

    @Test
    void groovyAndKotlinCompilerErrorsReadLikeJavacs() {
        assertThat(CompilerMessages.groovyOrKotlin("file:/tmp/shop/src/test/groovy/CartSpec.groovy: 21: unexpected token: }"
                + " @ line 21, column 20.")).isEqualTo("CartSpec.groovy:[21,20] unexpected token: }");
        assertThat(CompilerMessages.groovyOrKotlin("[ERROR] e: file:///home/ci/shop/src/main/kotlin/Cart.kt:12:5"
                + " Unresolved reference 'total'.")).isEqualTo("Cart.kt:[12,5] Unresolved reference 'total'.");
        assertThat(CompilerMessages.groovyOrKotlin("e: /home/ci/shop/src/main/kotlin/Cart.kt: (12, 5): Unresolved"
                + " reference: total")).isEqualTo("Cart.kt:[12,5] Unresolved reference: total");
        String groovy = "startup failed:\nfile:/tmp/shop/src/test/groovy/CartSpec.groovy: 21: unexpected token: } @ line 21,"
                + " column 20.\n       }\n       ^\n\n1 error\n";
        ModuleResult module = ModuleResult.failed("shop", "gmavenplus-plugin:compileTests",
                new MojoFailureException(groovy), null, List.of());

        assertThat(composer.compose(List.of(module), List.of())).isEqualTo("Maven build failed in module shop\n"
                + "shop (gmavenplus-plugin:compileTests): Compilation failure\n"
                + "  - CartSpec.groovy:[21,20] unexpected token: }");
    }

    /** What kotlin-maven-plugin 2.2.21 and gmavenplus-plugin 4.3.1 (Groovy 4.0.33) really threw, seen on 2026-12-04. */
    @Test
    void realKotlinAndGroovyFailuresNameFileLineAndColumnWithoutPaths() {
        assertThat(CompilerMessages.groovyOrKotlin("file:///tmp/kt/src/main/kotlin/Cart.kt:5:41 Unresolved reference 'totl'."))
                .as("Kotlin 2.2 without kotlinc's \"e: \"").isEqualTo("Cart.kt:[5,41] Unresolved reference 'totl'.");
        String kotlinErrors = "Compilation failure: \n"
                + "file:///tmp/kt/src/main/kotlin/Cart.kt:5:41 Unresolved reference 'totl'.\n"
                + "file:///tmp/kt/src/main/kotlin/Cart.kt:6:27 Return type mismatch: expected 'String', actual 'Int'.\n";
        ModuleResult kotlin = ModuleResult.failed("kt-shop", "kotlin-maven-plugin:compile",
                new MojoFailureException(null, "Compilation failure", kotlinErrors), kotlinErrors, List.of());
        ModuleResult groovy = ModuleResult.failed("gr-shop", "gmavenplus-plugin:compile", new MojoFailureException(
                "Error occurred while calling a method on a Groovy class from classpath. InvocationTargetException: startup"
                        + " failed:\n/tmp/gr/src/main/groovy/Cart.groovy: 5: Unexpected input: '(' @ line 5, column 26.\n"
                        + "       int sum() { items.sum( }\n                            ^\n\n1 error\n"), null, List.of());

        assertThat(composer.compose(List.of(kotlin, groovy), List.of())).isEqualTo(
                "Maven build failed: 2 of 2 modules failed (kt-shop, gr-shop)\n"
                + "kt-shop (kotlin-maven-plugin:compile): Compilation failure\n"
                + "  - Cart.kt:[5,41] Unresolved reference 'totl'.\n"
                + "  - Cart.kt:[6,27] Return type mismatch: expected 'String', actual 'Int'.\n"
                + "gr-shop (gmavenplus-plugin:compile): Compilation failure\n"
                + "  - Cart.groovy:[5,26] Unexpected input: '('");
    }
}
