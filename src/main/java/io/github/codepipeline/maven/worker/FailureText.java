package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.message.Text;
import java.util.List;

/** The worker's failure message for a build that reported nothing: why it ended, and its last lines of output. */
final class FailureText {
    private FailureText() {}

    /** "The build (command, as {@link BuildCommand#shown} gives it) did not report a result: why." and as many of the last lines as fit in 5,000 characters. */
    static String of(String why, String command, List<String> lines, Secrets secrets) {
        String head = "The build (" + command + ") did not report a result: " + why + ".";
        head = Text.cut(Text.clean(head), 1000);
        return head + lastLines(lines, secrets, WorkerReports.MAX_MESSAGE - head.length() - 40);
    }

    /** "\nLast lines of its output:\n..." with as many of {@code lines} as fit in {@code room}, or "" when none. */
    static String lastLines(List<String> lines, Secrets secrets, int room) {
        StringBuilder tail = new StringBuilder();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = Text.clean(secrets.redact(lines.get(i)));
            if (line.trim().isEmpty() && tail.length() == 0) {
                continue;
            }
            if (tail.length() + line.length() + 1 > room) {
                break;
            }
            tail.insert(0, line + "\n");
        }
        return tail.length() == 0 ? "" : "\nLast lines of its output:\n" + tail.toString().trim();
    }
}
