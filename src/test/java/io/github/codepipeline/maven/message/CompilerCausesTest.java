package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerCausesTest {
    @Test
    void theCauseLeavesOutThePlaceTheLocationAndTheArgumentTypes() {
        assertThat(CompilerCauses.cause("Orders.java:[12,9] cannot find symbol; symbol: method register(java.util.List<"
                + "com.example.orders.Order>,java.util.Map<java.lang.String,java.lang.Integer>); location: variable"
                + " registry of type com.example.api.Registry"))
                .isEqualTo("cannot find symbol; symbol: method register(\u2026)");
        assertThat(CompilerCauses.cause("BillingModule.java:[5,8] com.example.billing.BillingModule is not abstract and"
                + " does not override abstract method install(com.example.api.Binder<com.example.billing.Invoice>) in"
                + " com.example.api.Module"))
                .isEqualTo("does not override abstract method install(\u2026) in com.example.api.Module");
        assertThat(CompilerCauses.cause("A.java:[3,5] method send in class com.example.api.Bus cannot be applied to"
                + " given types; required: int; found: no arguments; reason: actual and formal argument lists differ"))
                .isEqualTo("method send in class com.example.api.Bus cannot be applied to given types");
    }

    @Test
    void mergedListsEachCauseOnceWithEveryPlaceAndTheModuleWhereAFileNameRepeats() {
        List<String> lines = CompilerCauses.merged(List.of("orders", "billing", "web"), List.of(
                List.of("Orders.java:[12,9] cannot find symbol; symbol: method register(java.util.List<Order>); location: class a.Orders",
                        "Client.java:[7,21] cannot find symbol; symbol: method register(int); location: class a.Client"),
                List.of("Billing.java:[30,5] cannot find symbol; symbol: method register(java.util.Map<K,V>); location: class b.Billing",
                        "Client.java:[7,21] cannot find symbol; symbol: method register(long); location: class b.Client"),
                List.of("WebModule.java:[4,8] com.example.web.WebModule is not abstract and does not override abstract"
                        + " method install(Binder) in com.example.api.Module")));

        assertThat(lines).containsExactly(
                "cannot find symbol; symbol: method register(\u2026) \u2014 4 places: Orders.java:12, orders/Client.java:7,"
                        + " Billing.java:30, billing/Client.java:7",
                "does not override abstract method install(\u2026) in com.example.api.Module \u2014 WebModule.java:4");
    }
}
