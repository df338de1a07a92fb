package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fenced blocks of a section of the README, and the shell commands of a {@code sh} block, as the README has them. */
final class ReadmeBlocks {
    private static final Pattern EXPORT = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)");

    /** A fenced block: its language ("" for none) and its lines, less the block's own indentation. */
    static final class Block {
        final String language;
        final List<String> lines;

        Block(String language, List<String> lines) {
            this.language = language;
            this.lines = lines;
        }

        String text() {
            return String.join("\n", lines) + "\n";
        }

        /** The commands of a shell block: continuation lines joined, comments ({@code  # …}) and blank lines left out. */
        List<String> commands() {
            List<String> commands = new ArrayList<>();
            StringBuilder command = new StringBuilder();
            for (String line : lines) {
                String code = line.replaceFirst("\\s+#\\s.*$", "").replaceFirst("^#.*$", "").trim();
                if (code.endsWith("\\")) {
                    command.append(code, 0, code.length() - 1).append(' ');
                    continue;
                }
                command.append(code);
                if (command.toString().trim().length() > 0) {
                    commands.add(command.toString().trim().replaceAll("\\s+", " "));
                }
                command.setLength(0);
            }
            return commands;
        }
    }

    static Path repository() {
        return Paths.get(System.getProperty("it.projects"), "..").toAbsolutePath().normalize();
    }

    /** The blocks between {@code heading} (a whole line) and the next heading of the same or a higher level. */
    static List<Block> section(String heading) {
        List<String> readme;
        try {
            readme = Files.readAllLines(repository().resolve("README.md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = readme.indexOf(heading);
        assertThat(start).as("the README's section " + heading).isNotNegative();
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        List<Block> blocks = new ArrayList<>();
        for (int i = start + 1; i < readme.size(); i++) {
            String line = readme.get(i);
            if (line.startsWith("#") && line.matches("^#{1," + (level.length() - 1) + "} .*")) {
                break;
            }
            String trimmed = line.trim();
            if (trimmed.startsWith("```")) {
                int indent = line.indexOf("```");
                List<String> lines = new ArrayList<>();
                for (i++; !readme.get(i).trim().equals("```"); i++) {
                    String inner = readme.get(i);
                    lines.add(inner.length() >= indent && inner.substring(0, indent).trim().isEmpty()
                            ? inner.substring(indent) : inner);
                }
                blocks.add(new Block(trimmed.substring(3), lines));
            }
        }
        return blocks;
    }

    /** The variables of an {@code export A="x" B=y} command, their values unquoted. */
    static Map<String, String> exports(String command) {
        assertThat(command).startsWith("export ");
        Map<String, String> variables = new LinkedHashMap<>();
        Matcher variable = EXPORT.matcher(command.substring("export ".length()));
        while (variable.find()) {
            variables.put(variable.group(1), variable.group(2).replaceAll("^\"|\"$", ""));
        }
        return variables;
    }

    private ReadmeBlocks() {
    }
}
