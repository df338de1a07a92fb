package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.lifecycle.LifecycleExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** The header of a section that many modules share: their names up to a bound, then how many more (public API only). */
class SharedCauseHeaderTest {
    private static final String COMPILER = "maven-compiler-plugin:compile";

    /** The same compilation error in every module: one cause, one section. */
    private static ModuleResult broken(String name) {
        String errors = "Compilation failure\n/w/" + name + "/src/main/java/com/example/Client.java:[7,31] cannot find symbol\n"
                + "  symbol:   method total(int)\n  location: class com.example.api.Price\n";
        MojoFailureException error = new MojoFailureException(null, "Compilation failure", errors);
        return ModuleResult.failed(name, COMPILER, new LifecycleExecutionException("Failed to execute goal"
                + " org.apache.maven.plugins:maven-compiler-plugin:3.14.0:compile (default) on project " + name
                + ": Compilation failure", error), errors, List.of());
    }

    @Test
    void twoHundredModulesWithOneCauseAreNamedUpToTheBoundThenCounted() {
        List<ModuleResult> modules = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            modules.add(broken(String.format("service-module-%03d", i)));
        }

        String message = new FailureMessageComposer(Secrets.none(), null, 0).compose(modules, List.of());

        assertThat(message.length()).isLessThanOrEqualTo(FailureMessageComposer.MAX_LENGTH);
        String[] lines = message.split("\n");
        assertThat(lines[0]).startsWith("Maven build failed: 200 of 200 modules failed (service-module-001, ");
        Matcher header = Pattern.compile("((?:service-module-\\d{3}, )*service-module-\\d{3}), " + Text.ELLIPSIS
                + " (\\d+) more modules \\(" + COMPILER + "\\): Compilation failure").matcher(lines[1]);
        assertThat(header.matches()).as(lines[1]).isTrue();
        String names = header.group(1);
        int shown = names.split(", ").length;
        int more = Integer.parseInt(header.group(2));
        assertThat(shown + more).isEqualTo(200);
        assertThat(names).startsWith("service-module-001, service-module-002").endsWith(String.format("service-module-%03d", shown));
        // As many names as fit in 2,000 characters with the count after them, and not one more.
        String countAfterOneMore = ", " + Text.ELLIPSIS + " " + (more - 1) + " more modules";
        assertThat(names.length()).isLessThanOrEqualTo(2000);
        assertThat(names.length() + ", service-module-000".length() + countAfterOneMore.length()).isGreaterThan(2000);
        assertThat(lines[2]).isEqualTo("  - Client.java:[7,31] cannot find symbol; symbol: method total(int); location: class"
                + " com.example.api.Price");
        assertThat(lines).hasSize(3);
    }

    @Test
    void twoModulesWithOneCauseAreBothNamedWithoutACount() {
        String message = new FailureMessageComposer(Secrets.none(), null, 0).compose(List.of(broken("app"), broken("cli")), List.of());

        assertThat(message.split("\n")[1]).isEqualTo("app, cli (" + COMPILER + "): Compilation failure");
    }
}
