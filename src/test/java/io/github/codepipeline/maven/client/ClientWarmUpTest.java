package io.github.codepipeline.maven.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ClientWarmUpTest {
    /**
     * The warm-up runs the whole path of a report (client build, marshalling, signing, response parsing) against its
     * own network-free HTTP client; a change of the SDK that breaks it would otherwise only cost time, silently.
     */
    @Test
    void warmUpRunsAReportPathWithoutNetwork() {
        assertThatCode(ClientWarmUp::warmUp).doesNotThrowAnyException();
    }

    @Test
    void startsOnceAProcessorStaysIdle() {
        AtomicBoolean alsoPrepared = new AtomicBoolean();
        ClientWarmUp warmUp = new ClientWarmUp(() -> 1.5, () -> alsoPrepared.set(true));
        warmUp.run();
        assertThat(warmUp.prepared()).isTrue();
        assertThat(alsoPrepared).isTrue();
    }

    @Test
    void waitsWhileTheMachineIsBusyAndStopsWaitingWhenCancelled() throws InterruptedException {
        ClientWarmUp warmUp = new ClientWarmUp(() -> 0.4, () -> {});
        Thread thread = new Thread(warmUp);
        thread.start();
        thread.join(500);
        assertThat(thread.isAlive()).as("still waiting for an idle processor").isTrue();

        warmUp.cancel();
        thread.join(2_000);
        assertThat(thread.isAlive()).as("stopped waiting once cancelled").isFalse();
        assertThat(warmUp.prepared()).isFalse();
    }
}
