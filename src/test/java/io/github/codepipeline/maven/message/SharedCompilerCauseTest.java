package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.Secrets;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** Two modules are already "several": one compiler cause in two modules' different classes is shown once. */
class SharedCompilerCauseTest {
    private final FailureMessageComposer composer = new FailureMessageComposer(Secrets.none(), null, 0);

    private static ModuleResult compile(String name, String... errors) {
        String text = "Compilation failure\n" + String.join("\n", errors);
        return ModuleResult.failed(name, "maven-compiler-plugin:compile",
                new MojoFailureException(null, "Compilation failure", text), text, List.of());
    }

    /** Break guarded (one case alone caught it before): merging only from three modules on ({@code < 3}). */
    @Test
    void exactlyTwoModulesWithTheSameCausesShareOneSection() {
        List<ModuleResult> modules = List.of(
                compile("orders", "/home/ci/work/orders/src/main/java/a/Orders.java:[12,9] cannot find symbol",
                        "  symbol:   method register(java.util.List<a.Order>)", "  location: variable r of type api.Registry",
                        "/home/ci/work/orders/src/main/java/a/Orders.java:[40,3] method close in class api.Bus cannot be"
                                + " applied to given types;", "  required: int", "  found:    no arguments"),
                compile("billing", "/home/ci/work/billing/src/main/java/b/Billing.java:[30,5] cannot find symbol",
                        "  symbol:   method register(java.util.Map<b.Key,b.Value>)", "  location: class b.Billing",
                        "/home/ci/work/billing/src/main/java/b/Invoice.java:[8,7] method close in class api.Bus cannot be"
                                + " applied to given types;", "  required: int", "  found:    java.lang.String"));

        String message = composer.compose(modules, List.of());

        assertThat(message).isEqualTo("Maven build failed: 2 of 2 modules failed (orders, billing)\n"
                + "orders, billing (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - cannot find symbol; symbol: method register(\u2026) \u2014 2 places: Orders.java:12, Billing.java:30\n"
                + "  - method close in class api.Bus cannot be applied to given types \u2014 2 places: Orders.java:40,"
                + " Invoice.java:8");
    }

    @Test
    void twoModulesWithDifferentCausesKeepTheirSections() {
        List<ModuleResult> modules = List.of(
                compile("orders", "/home/ci/work/orders/src/main/java/a/Orders.java:[12,9] cannot find symbol",
                        "  symbol:   method register(java.util.List<a.Order>)", "  location: class a.Orders"),
                compile("billing", "/home/ci/work/billing/src/main/java/b/Billing.java:[30,5] cannot find symbol",
                        "  symbol:   method unregister(b.Key)", "  location: class b.Billing"));

        String message = composer.compose(modules, List.of());

        assertThat(message).isEqualTo("Maven build failed: 2 of 2 modules failed (orders, billing)\n"
                + "orders (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - Orders.java:[12,9] cannot find symbol; symbol: method register(java.util.List<a.Order>); location:"
                + " class a.Orders\n"
                + "billing (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - Billing.java:[30,5] cannot find symbol; symbol: method unregister(b.Key); location: class b.Billing");
    }
}
