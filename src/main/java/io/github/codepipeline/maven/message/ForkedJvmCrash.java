package io.github.codepipeline.maven.message;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test JVM that died (Surefire's or Failsafe's "The forked VM terminated without properly saying goodbye",
 * "… VM crash or System.exit called?"), said in one line with what a person needs:
 * {@code The test JVM died (exit code 3) while running ExitTest: System.exit in a test, or out of memory; the JVM's
 * account: 2026-12-07T01-37-15_047-jvmRun1.dumpstream}.
 *
 * <p>Of Maven's exception only the facts are taken (the exit code, the crashed test classes); its fork command line
 * and the stack frames of Maven, Surefire and the JDK never stand in the message. The JVM's own account is named by
 * file name alone: the fresh {@code *.dumpstream} and {@code *.dump} files Surefire writes in the report directory,
 * and the {@code hs_err_pid*.log} a JVM writes when it crashes (in the fork's working directory, the module's).
 */
final class ForkedJvmCrash {
    /** Surefire's and Failsafe's words (also "ExecutionException The forked VM terminated …" under a parallel fork). */
    private static final Pattern CRASH = Pattern.compile("The forked VM terminated without (?:properly )?saying (?:properly )?goodbye");
    private static final Pattern EXIT_CODE = Pattern.compile("Process Exit Code: (-?\\d{1,10})");
    private static final Pattern CRASHED_TESTS = Pattern.compile("Crashed tests:\\s*\\n((?:[\\p{L}_$][\\p{L}\\p{N}_$.]*\\s*(?:\\n|$))+)");
    private static final Pattern FATAL = Pattern.compile("^#\\s+(fatal error: .*|Out of Memory Error.*)");
    private static final Pattern SIGNAL = Pattern.compile("^#\\s+(SIG[A-Z]+ \\(0x[0-9a-f]+\\)|Internal Error \\([^)]{1,100}\\)|EXCEPTION_[A-Z_]+ \\(0x[0-9a-f]+\\))");
    private static final int HS_ERR_HEAD = 4096;
    private static final int MAX_CLASSES = 5;
    private static final int MAX_FILES = 3;

    private ForkedJvmCrash() {}

    /**
     * The line, or {@code null} when the texts do not say a test JVM died.
     *
     * @param texts the exception messages of the chain and the long message, cleaned
     * @param reportDirectories the module's report directories, where Surefire writes its dump files
     * @param notBefore files older than this are an earlier build's
     */
    static String describe(List<String> texts, List<File> reportDirectories, long notBefore) {
        String text = null;
        for (String t : texts) {
            if (t != null && CRASH.matcher(t).find()) {
                text = t;
                break;
            }
        }
        if (text == null) {
            return null;
        }
        Integer exitCode = null;
        Set<String> classes = new LinkedHashSet<>();
        for (String t : texts) {
            if (t == null) {
                continue;
            }
            Matcher code = EXIT_CODE.matcher(t);
            if (exitCode == null && code.find()) {
                try {
                    exitCode = Integer.valueOf(code.group(1));
                } catch (NumberFormatException e) {
                    // not a number Java can hold: left out
                }
            }
            Matcher crashed = CRASHED_TESTS.matcher(t.replace("\r", ""));
            if (crashed.find()) {
                for (String name : crashed.group(1).split("\n")) {
                    if (!name.trim().isEmpty()) {
                        classes.add(TestFailure.simpleName(name.trim()));
                    }
                }
            }
        }
        List<String> hsErr = files(parents(reportDirectories), "hs_err_pid*.log", notBefore);
        List<String> dumps = files(reportDirectories, "*.dumpstream", notBefore);
        dumps.addAll(files(reportDirectories, "*.dump", notBefore));
        StringBuilder line = new StringBuilder("The test JVM died");
        if (exitCode != null) {
            line.append(" (exit code ").append(exitCode).append(')');
        }
        if (!classes.isEmpty()) {
            line.append(" while running ").append(names(new ArrayList<>(classes)));
        }
        String fatal = hsErr.isEmpty() ? null : fatalError(hsErrFiles(reportDirectories, notBefore));
        line.append(": ").append(fatal != null ? "the JVM crashed: " + fatal : hint(exitCode, !hsErr.isEmpty()));
        List<String> account = new ArrayList<>(hsErr);
        account.addAll(dumps);
        if (!account.isEmpty()) {
            line.append("; the JVM's account: ").append(names(account.subList(0, Math.min(MAX_FILES, account.size()))));
            if (account.size() > MAX_FILES) {
                line.append(" and ").append(account.size() - MAX_FILES).append(" more");
            }
        }
        return line.toString();
    }

    /** The fresh {@code hs_err_pid*.log} files, as paths. */
    private static List<Path> hsErrFiles(List<File> reportDirectories, long notBefore) {
        List<Path> files = new ArrayList<>();
        for (File module : parents(reportDirectories)) {
            for (String name : files(java.util.Collections.singletonList(module), "hs_err_pid*.log", notBefore)) {
                files.add(module.toPath().resolve(name));
            }
        }
        return files;
    }

    /**
     * What the first JVM error file says it died of, from its first {@value #HS_ERR_HEAD} bytes: {@code fatal error:
     * OutOfMemory encountered: Java heap space}, {@code SIGSEGV (0xb)}, {@code Internal Error (debug.cpp:362)};
     * {@code null} when it says none of these.
     */
    static String fatalError(List<Path> files) {
        if (files.isEmpty()) {
            return null;
        }
        byte[] head = new byte[HS_ERR_HEAD];
        int length = 0;
        try (java.io.InputStream in = Files.newInputStream(files.get(0))) {
            for (int n; length < head.length && (n = in.read(head, length, head.length - length)) > 0; ) {
                length += n;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String other = null;
        for (String line : new String(head, 0, length, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            Matcher fatal = FATAL.matcher(line);
            if (fatal.find()) {
                return Text.cut(Text.clean(fatal.group(1)).trim(), 200);
            }
            Matcher signal = SIGNAL.matcher(line);
            if (other == null && signal.find()) {
                other = signal.group(1);
            }
        }
        return other;
    }

    /** What most often makes a test JVM die with this exit code. */
    private static String hint(Integer exitCode, boolean hsErr) {
        if (hsErr || exitCode != null && exitCode == 134) {
            return "a crash of the JVM itself (native code, or the JVM's own error)";
        }
        if (exitCode != null && exitCode == 137) {
            return "killed (signal 9), most often by the system's out-of-memory killer";
        }
        if (exitCode != null && exitCode == 143) {
            return "stopped (signal 15)";
        }
        return "System.exit in a test, or out of memory";
    }

    private static String names(List<String> names) {
        if (names.size() <= MAX_CLASSES) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, MAX_CLASSES)) + " and " + (names.size() - MAX_CLASSES) + " more";
    }

    /** The directories above the report directories' {@code target}: the modules, where a fork runs. */
    private static List<File> parents(List<File> reportDirectories) {
        Set<File> modules = new LinkedHashSet<>();
        for (File directory : reportDirectories) {
            File target = directory.getAbsoluteFile().getParentFile();
            if (target != null && target.getParentFile() != null) {
                modules.add(target.getParentFile());
            }
        }
        return new ArrayList<>(modules);
    }

    /** The fresh files matching {@code glob} in the directories, by file name, sorted; a few at most. */
    private static List<String> files(List<File> directories, String glob, long notBefore) {
        List<String> names = new ArrayList<>();
        for (File directory : directories) {
            List<String> found = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory.toPath(), glob)) {
                for (Path file : stream) {
                    if (found.size() >= 100) {
                        break;
                    }
                    if (Files.getLastModifiedTime(file).toMillis() + 2000 >= notBefore) {
                        found.add(Text.clean(file.getFileName().toString()));
                    }
                }
            } catch (IOException | InvalidPathException | SecurityException e) {
                continue; // missing or unreadable: nothing named from there
            }
            found.sort(null);
            names.addAll(found);
        }
        return names;
    }
}
