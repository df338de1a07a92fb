package io.github.codepipeline.maven.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.report.ReportLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker masks every client token of its token file, also one added or rotated while it runs. */
class WorkerSecretsTest {
    @TempDir
    Path directory;

    @Test
    void aTokenAddedToTheFileAfterTheStartIsMaskedInTheWorkersLogAndInNewJobs() throws Exception {
        Path file = directory.resolve("tokens");
        Files.write(file, "client-1=first-token-0001\n".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> user = new HashMap<>();
        user.put("codepipeline.actionType", "Build/ThirdParty/PartnerCI/1");
        user.put("codepipeline.clientTokens", file.toString());
        Worker.Sources sources = (properties, environment) -> {
            Map<String, String> u = new HashMap<>(user);
            u.putAll(properties);
            return new SettingSources(null, u, null, environment);
        };
        List<String> lines = new ArrayList<>();
        ReportLog log = new ReportLog() {
            public void debug(String message) { lines.add(message); }
            public void info(String message) { lines.add(message); }
            public void warn(String message) { lines.add(message); }
            public void error(String message) { lines.add(message); }
        };
        Worker worker = new Worker(WorkerSettings.resolve(sources.with(new HashMap<>(), new HashMap<>()), directory), sources,
                log, Secrets.none(), new String[3], new HashMap<>(), null);
        worker.tokens = ClientTokens.read(file);
        worker.maskTokens();
        Files.write(file, "client-1=first-token-0001\nclient-2=added-token-0002\n".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));

        worker.refreshTokens();
        worker.log.error("first-token-0001 added-token-0002");

        assertThat(lines).containsExactly("**** ****");
        assertThat(worker.secrets.redact("added-token-0002")).isEqualTo("****"); // what each new JobRun starts from

    }
}
