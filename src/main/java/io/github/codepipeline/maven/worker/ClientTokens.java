package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The client tokens of partner actions, by client ID, from the file {@code codepipeline.clientTokens}: one
 * {@code clientId=token} a line, blank lines and {@code #} comments allowed. The file must not be readable by the
 * group or other users (a token is a password of the action); it is read again when it changes, so that a token can
 * be added or rotated without restarting the worker. No message ever contains a token.
 */
final class ClientTokens {
    private static final long MAX_BYTES = 1024 * 1024;

    private final Path file;
    private FileTime read;
    private Map<String, String> tokens = Collections.emptyMap();

    private ClientTokens(Path file) {
        this.file = file;
    }

    /** Reads {@code file}, refusing one that others can read, or that is not made of {@code clientId=token} lines. */
    static ClientTokens read(Path file) throws InvalidSettingException {
        ClientTokens tokens = new ClientTokens(file);
        tokens.refresh();
        return tokens;
    }

    /** Reads the file again if it changed since it was read; {@code true} when it did (new tokens to mask). */
    boolean refresh() throws InvalidSettingException {
        if (!Files.exists(file)) {
            throw invalid("does not exist: write it with clientId=token lines and chmod 600 it");
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(read)) {
                return false;
            }
            check(file);
            if (Files.size(file) > MAX_BYTES) {
                throw invalid("is larger than 1 MB; it holds clientId=token lines only");
            }
            Map<String, String> parsed = new HashMap<>();
            Map<String, Integer> lineOf = new HashMap<>();
            String[] lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\r?\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int equals = line.indexOf('=');
                if (equals <= 0 || equals == line.length() - 1) {
                    throw invalid("line " + (i + 1) + " is not of the form clientId=token");
                }
                String token = line.substring(equals + 1).trim();
                if (token.length() > ReportSettings.MAX_CLIENT_TOKEN) {
                    throw invalid("line " + (i + 1) + " has a token of " + token.length() + " characters; CodePipeline's"
                            + " client tokens have at most " + ReportSettings.MAX_CLIENT_TOKEN);
                }
                String clientId = line.substring(0, equals).trim();
                Integer before = lineOf.put(clientId, i + 1);
                if (before != null) {
                    throw invalid("has the client ID " + clientId + " twice, on lines " + before + " and " + (i + 1)
                            + "; keep one clientId=token line per client ID");
                }
                parsed.put(clientId, token);
            }
            tokens = parsed;
            read = modified;
            return true;
        } catch (IOException e) {
            throw invalid("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void check(Path file) throws IOException, InvalidSettingException {
        if (!Files.isRegularFile(file)) {
            throw invalid("is not a file");
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: its access lists are the user's to set
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw invalid("can be read by other users; it holds the actions' client tokens: chmod 600 " + file);
        }
    }

    private InvalidSettingException invalid(String problem) {
        return new InvalidSettingException("The client token file " + file + " (" + Setting.CLIENT_TOKENS.property() + ") "
                + problem + ".");
    }

    /** The token of {@code clientId}, or {@code null}. */
    String token(String clientId) {
        return clientId == null ? null : tokens.get(clientId);
    }

    int size() {
        return tokens.size();
    }

    Collection<String> tokens() {
        return tokens.values();
    }
}
