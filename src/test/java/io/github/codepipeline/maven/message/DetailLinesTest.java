package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetailLinesTest {
    @Test
    void theHeadlineIsTheFirstLineThatSaysSomethingWithoutTheMachinesDirectories() {
        assertThat(DetailLines.headline("\nPlease refer to /home/ci/work/target/surefire-reports for the individual test"
                + " results.\nThere are test failures.")).isEqualTo("There are test failures.");
        assertThat(DetailLines.headline("C:\\work\\shop\\Codec.java: warnings found")).isEqualTo("Codec.java: warnings found");
        assertThat(DetailLines.headline("Please refer to dump files (if any exist) [date].dump")).isEqualTo("failed");
    }

    @Test
    void fileUrlsLoseTheirDirectories() {
        assertThat(DetailLines.withoutDirectories("file:///tmp/kt/src/main/kotlin/Cart.kt:5:41 Unresolved reference"))
                .isEqualTo("Cart.kt:5:41 Unresolved reference");
        assertThat(DetailLines.withoutDirectories("see file:/C:/work/shop/pom.xml and FILE:/home/ci/a/b.txt"))
                .isEqualTo("see pom.xml and b.txt");
    }

    @Test
    void urlsKeepTheirPaths() {
        assertThat(DetailLines.withoutDirectories("Could not transfer from central (https://repo.maven.apache.org/maven2):"
                + " /home/ci/.m2/repository/a/b.jar")).isEqualTo("Could not transfer from central"
                + " (https://repo.maven.apache.org/maven2): b.jar");
    }

    @Test
    void severityPrefixesDecorationAndHelpLinesGo() {
        Set<String> lines = new LinkedHashSet<>();
        DetailLines.add(lines, "headline\n[ERROR] Rule 0 failed\n-----\n   ^\n-> [Help 1]\nRe-run Maven using -X", "headline");

        assertThat(lines).containsExactly("Rule 0 failed");
    }

    @Test
    void fixLines() {
        assertThat(DetailLines.isFixLine("Run 'mvn spotless:apply' to fix these violations.")).isTrue();
        assertThat(DetailLines.isFixLine("You have 3 Checkstyle violations.")).isFalse();
        assertThat(DetailLines.isFixLine("Run mvn license:format to fix.")).isTrue();
    }

    @Test
    void stackFramesAndForkedCommandLinesNeverStandInTheMessage() {
        java.util.Set<String> lines = new java.util.LinkedHashSet<>();
        DetailLines.add(lines, "ExecutionException Error occurred in starting fork\n"
                + "Command was /bin/sh -c cd '/home/ci/shop' && '/usr/lib/jvm/bin/java' '-Dtoken=abc' '-jar' 'booter.jar'\n"
                + "\tat org.apache.maven.plugin.surefire.booterclient.ForkStarter.fork(ForkStarter.java:643)\n"
                + "\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n"
                + "\tat org.codehaus.plexus.classworlds.launcher.Launcher.main(Launcher.java:348)\n"
                + "\t... 30 more\n"
                + "at least 3 modules must be named (not a frame)", null);

        assertThat(lines).containsExactly("ExecutionException Error occurred in starting fork",
                "at least 3 modules must be named (not a frame)");
    }

    /** Spotless 3.8.0's check on google/gson's extras module, a closing brace indented two spaces too far. */
    @Test
    void aDiffLineOfOnlyABraceIsTheViolationNotDecoration() {
        String headline = "The following files had format violations:";
        String message = headline + "\n"
                + "    src/main/java/com/google/gson/interceptors/InterceptorFactory.java\n"
                + "        @@ -31,7 +31,7 @@\n"
                + "         \u00b7\u00b7\u00b7\u00b7if\u00b7(intercept\u00b7==\u00b7null)\u00b7{\n"
                + "         \u00b7\u00b7\u00b7\u00b7\u00b7\u00b7return\u00b7null;\n"
                + "        -\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7}\n"
                + "        +\u00b7\u00b7\u00b7\u00b7}\n"
                + "         \n"
                + "Run 'mvn spotless:apply' to fix these violations.";
        Set<String> lines = new LinkedHashSet<>();
        DetailLines.add(lines, message, headline);

        assertThat(lines).containsExactly("src/main/java/com/google/gson/interceptors/InterceptorFactory.java",
                "@@ -31,7 +31,7 @@", "\u00b7\u00b7\u00b7\u00b7if\u00b7(intercept\u00b7==\u00b7null)\u00b7{",
                "\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7return\u00b7null;", "-\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7}",
                "+\u00b7\u00b7\u00b7\u00b7}", "Run 'mvn spotless:apply' to fix these violations.");
        assertThat(DetailLines.isDecoration("   ^")).isTrue();
        assertThat(DetailLines.isDecoration("*****  ----- \u2500\u2500")).isTrue();
        assertThat(DetailLines.isDecoration("});")).isFalse();
    }
}
