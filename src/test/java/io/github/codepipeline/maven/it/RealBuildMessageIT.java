package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The message on builds shaped like real ones (issue 19): the failures real test frameworks write, and a
 * multi-module build with the shape of an open-source dependency-injection library broken the ways such builds break.
 * Each test asserts the exact lines that reached the endpoint; the messages are also written to
 * {@code target/example-messages}.
 */
class RealBuildMessageIT extends EndpointSupport {
    /** The message's last line, which names the versions this build ran with. */
    private static final String VERSIONS = "\nMaven \\d[^,\n]*, Java \\d[^\n]*$";

    @SuppressWarnings("unchecked")
    private String onlyMessage(MavenBuild.Result result) {
        List<Map<String, Object>> bodies = endpoint.bodies(FAILURE);
        assertThat(endpoint.requests()).as(result.toString()).hasSize(1);
        String message = (String) ((Map<String, Object>) bodies.get(0).get("failureDetails")).get("message");
        assertThat(message.length()).isBetween(1, 5000);
        assertThat(message).doesNotContain("\u001B", "\r", "[ERROR]", "Please refer to", "/it-work/", "file:/")
                .containsPattern(VERSIONS);
        return message;
    }

    static void example(String name, String message) throws IOException {
        Path directory = Paths.get(System.getProperty("it.work")).resolveSibling("example-messages");
        Files.createDirectories(directory);
        Files.write(directory.resolve(name + ".txt"), (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Builds {@code project} with {@code args}, which must fail; its one message, without the versions line. */
    private String failedBuildMessage(String project, String id, String... args) throws IOException {
        MavenBuild.Result result = build(project, id).args(args).run();
        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        String message = onlyMessage(result);
        example(project, message);
        return message.replaceFirst(VERSIONS, "");
    }

    @Test
    void realFrameworksFailuresKeepLineTypeAndWholeMessage() throws IOException {
        assertThat(failedBuildMessage("test-frameworks", "realFrameworks", "-fae", "verify")).isEqualTo("Maven build failed: 3 of 4 modules failed (junit5, junit4, testng)\n"
                + "junit5 (maven-surefire-plugin:test): 18 of 20 tests failed (13 failures, 5 errors)\n"
                + "  - NullPointerException: Cannot invoke \"java.util.Map.get(Object)\" because \"this.prices\" is null \u2014 3 tests: PricingTest.hat:28, PricingTest.shoe:18, PricingTest.sock:23\n"
                + "  - even quantity ==> expected: <0> but was: <1> \u2014 2 tests: CartTest.quantities(int)[1]:40, CartTest.quantities(int)[3]:40\n"
                + "  - AssertionLibrariesTest.hamcrestHasItem:41 sizes Expected: a collection containing <42> but: mismatches were: [was <40>, was <41>]\n"
                + "  - AssertionLibrariesTest.assertjEquals:46 expected: \"red shoe\" but was: \"blue shoe\"\n"
                + "  - AssertionLibrariesTest.assertjThrown:57 Expecting code to raise a throwable.\n"
                + "  - AssertionLibrariesTest.assertjContainsExactly:52 [cart items] Expecting actual: [\"shoe\", \"sock\"] to contain exactly (and in same order): [\"shoe\", \"hat\"] but some elements were not found: [\"hat\"] and others were not expected: [\"sock\"]\n"
                + "  - AssertionLibrariesTest.truthValue:21 value of: total() expected: 42 but was : 41\n"
                + "  - AssertionLibrariesTest.hamcrestIs:36 Expected: is <1> but: was <0>\n"
                + "  - AssertionLibrariesTest.truthList:31 missing (1) : c unexpected (1): b --- expected : [a, c] but was : [a, b]\n"
                + "  - AssertionLibrariesTest.truthWithMessage:26 value of: total() value of: total() expected: 42 but was : 41\n"
                + "  - CartTest.total:18 total of the cart ==> expected: <42> but was: <41>\n"
                + "  - CartTest.rejectsNegative:29 Expected java.lang.IllegalArgumentException to be thrown, but nothing was thrown.\n"
                + "  - CartTest.firstItem:23 IndexOutOfBoundsException: Index 0 out of bounds for length 0\n"
                + "  - CartTest.isEmpty:34 cart should hold more than three items ==> expected: <true> but was: <false>\n"
                + "  - PricingTest.deepState:33 IllegalStateException: pricing table not loaded Caused by the missing file prices.csv at somewhere\n"
                + "junit4 (maven-surefire-plugin:test): 5 of 6 tests failed (4 failures, 1 error)\n"
                + "  - LegacyCartTest.strings:36 expected:<[red] shoe> but was:<[blue] shoe>\n"
                + "  - LegacyCartTest.hamcrest:26 count Expected: is <1> but: was <0>\n"
                + "  - LegacyCartTest.total:16 total of the cart expected:<42> but was:<41>\n"
                + "  - LegacyCartTest.truth:31 expected to contain: shoe but was : []\n"
                + "  - LegacyCartTest.firstItem:21 IndexOutOfBoundsException: Index 0 out of bounds for length 0\n"
                + "testng (maven-surefire-plugin:test): 4 of 6 tests failed\n"
                + "  - OrderTest.amount[2](2):29 expected [1] but found [2]\n"
                + "  - OrderTest.lists:34 Lists differ at element [1]: c != b expected [c] but found [b]\n"
                + "  - OrderTest.lookup:19 NullPointerException: Cannot invoke \"String.length()\" because the return value of \"java.util.Map.get(Object)\" is null\n"
                + "  - OrderTest.total:13 total of the order expected [42] but found [41]\n"
                + "Resume the build: mvn verify -rf :junit5");
    }

    @Test
    void anOpenSourceShapedBuildBrokenByAnApiChangeAStrictModuleAndOneTestCause() throws IOException {
        assertThat(failedBuildMessage("oss-shape", "realOssShape", "-fae", "verify")).isEqualTo("Maven build failed: 6 of 9 modules failed (servlet, persist, assistedinject, throwingproviders, codec, core-tests); 1 skipped (examples)\n"
                + "servlet, persist, assistedinject, throwingproviders (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - does not override abstract method install(\u2026) in com.example.inject.Module \u2014 4 places: ServletModule.java:8, PersistModule.java:8, AssistedModule.java:8, ThrowingModule.java:8\n"
                + "  - cannot find symbol; symbol: method register(\u2026) \u2014 4 places: ServletModule.java:13, PersistModule.java:13, AssistedModule.java:13, ThrowingModule.java:13\n"
                + "codec (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - Codec.java: warnings found and -Werror specified\n"
                + "  - Codec.java:[8,9] found raw type: java.util.List; missing type arguments for generic class java.util.List<E>\n"
                + "  - Codec.java:[10,22] unchecked call to add(E) as a member of the raw type java.util.List\n"
                + "  - Codec.java:[12,16] unchecked conversion; required: java.util.List<java.lang.String>; found: java.util.List\n"
                + "core-tests (maven-surefire-plugin:test): 38 of 44 tests failed (2 failures, 36 errors)\n"
                + "  - NullPointerException: Cannot invoke \"com.example.inject.Binding.provider()\" because \"binding\" is null \u2014 36 tests: BindingsTest.bindings1:12, BindingsTest.bindings2:17, BindingsTest.bindings3:22, BindingsTest.bindings4:27, BindingsTest.bindings5:32, BindingsTest.bindings6:37, KeysTest.keys1:12, KeysTest.keys2:17, KeysTest.keys3:22, KeysTest.keys4:27, KeysTest.keys5:32, KeysTest.keys6:37, ModulesTest.modules1:12, ModulesTest.modules2:17, ModulesTest.modules3:22, ModulesTest.modules4:27,\u2026\n"
                + "  - SizeTest.countsBindings:10 bindings after configure ==> expected: <3> but was: <0>\n"
                + "  - SizeTest.stagesInOrder:15 expected: <DEVELOPMENT, PRODUCTION> but was: <PRODUCTION, DEVELOPMENT>\n"
                + "Resume the build: mvn verify -rf :servlet");
    }

    /**
     * Real Kotlin (kotlin-maven-plugin 2.2.21) and Groovy (gmavenplus-plugin 4.3.1, Groovy 4.0.33) compile failures.
     * Breaks caught: Kotlin 2.2's lines read only after kotlinc's "e: " (they came through as
     * {@code file:///…/Cart.kt:5:41 …}, a machine path), and gmavenplus's wrapper words as the Groovy headline.
     */
    @Test
    void kotlinAndGroovyCompileFailuresNameFileLineAndColumn() throws IOException {
        assertThat(failedBuildMessage("jvm-languages", "realJvmLanguages", "-fae", "compile")).isEqualTo("Maven build failed: 2 of 3 modules failed (cart-kotlin, cart-groovy)\n"
                + "cart-kotlin (kotlin-maven-plugin:compile): Compilation failure\n"
                + "  - Cart.kt:[5,41] Unresolved reference 'totl'.\n"
                + "  - Cart.kt:[6,27] Return type mismatch: expected 'String', actual 'Int'.\n"
                + "cart-groovy (gmavenplus-plugin:compile): Compilation failure\n"
                + "  - Cart.groovy:[5,26] Unexpected input: '('\n"
                + "Resume the build: mvn compile -rf :cart-kotlin");
    }
}
