package io.github.codepipeline.maven.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientTokensTest {
    private static final String TOKEN = "tok-SECRET-12345678";

    @TempDir
    Path directory;

    private Path file(String content, String mode) throws Exception {
        Path file = directory.resolve("tokens");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void readsClientIdTokenLinesSkippingCommentsAndBlanks() throws Exception {
        ClientTokens tokens = ClientTokens.read(file("# tokens\n\n a-1 = " + TOKEN + "\r\nb-2=x=y\n", "rw-------"));

        assertThat(tokens.token("a-1")).isEqualTo(TOKEN);
        assertThat(tokens.token("b-2")).isEqualTo("x=y");
        assertThat(tokens.token("c-3")).isNull();
        assertThat(tokens.size()).isEqualTo(2);
    }

    @Test
    void aFileOthersCanReadIsRefusedWithoutShowingItsContent() throws Exception {
        Path file = file("a-1=" + TOKEN + "\n", "rw-r-----");

        assertThatThrownBy(() -> ClientTokens.read(file)).hasMessage("The client token file " + file
                + " (codepipeline.clientTokens) can be read by other users; it holds the actions' client tokens: chmod 600 " + file + ".");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThatThrownBy(() -> ClientTokens.read(file)).hasMessageContaining("can be read by other users");
    }

    @Test
    void aClientIdTwiceIsRefusedWithOneLineNamingBothLinesNeverATheToken() throws Exception {
        assertThatThrownBy(() -> ClientTokens.read(file("a-1=" + TOKEN + "\nb-2=other\n a-1 = second-" + TOKEN + "\n",
                "rw-------"))).hasMessageEndingWith("has the client ID a-1 twice, on lines 1 and 3; keep one"
                        + " clientId=token line per client ID.").message().doesNotContain(TOKEN).doesNotContain("\n");
    }

    @Test
    void aBadLineIsNamedByNumberNeverByContent() throws Exception {
        assertThatThrownBy(() -> ClientTokens.read(file("a-1=" + TOKEN + "\n" + TOKEN + "\n", "rw-------")))
                .hasMessageEndingWith("line 2 is not of the form clientId=token.").message().doesNotContain(TOKEN);
        assertThatThrownBy(() -> ClientTokens.read(file("a-1=" + "t".repeat(257) + "\n", "rw-------")))
                .hasMessageEndingWith("line 1 has a token of 257 characters; CodePipeline's client tokens have at most 256.");
        assertThatThrownBy(() -> ClientTokens.read(directory.resolve("missing"))).hasMessageEndingWith("does not exist: write it with clientId=token lines and chmod 600 it.");
    }

    @Test
    void aChangedFileIsReadAgain() throws Exception {
        Path file = file("a-1=" + TOKEN + "\n", "rw-------");
        ClientTokens tokens = ClientTokens.read(file);
        Files.write(file, "a-1=new-token-1\nb-2=other-token\n".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));

        tokens.refresh();

        assertThat(tokens.token("a-1")).isEqualTo("new-token-1");
        assertThat(tokens.token("b-2")).isEqualTo("other-token");
    }
}
