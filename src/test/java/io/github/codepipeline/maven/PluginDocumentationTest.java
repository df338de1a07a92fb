package io.github.codepipeline.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.PluginDescriptor.Goal;
import io.github.codepipeline.maven.PluginDescriptor.Parameter;
import io.github.codepipeline.maven.config.Setting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the tables of the site's goals and settings page ({@code src/site/markdown/settings.md}) and the goal reference ({@code mvn site}, {@code codepipeline:help}) from drifting apart:
 * both are read from what the build generated, the plugin descriptor ({@code target/classes/META-INF/maven/plugin.xml},
 * written from the mojos' annotations and javadoc before the tests run), and from the {@link Setting} enum. Every goal
 * and every parameter is covered, whichever mojo declares it, so a new goal or parameter fails here until that page
 * has its row.
 */
class PluginDocumentationTest {
    /** The site's page with the Goals and the Settings tables. */
    static final String SETTINGS_PAGE = "src/site/markdown/settings.md";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private static List<Goal> goals;
    private static List<Row> settingsTable;
    private static String goalsSection;

    @BeforeAll
    static void read() throws Exception {
        Path basedir = Paths.get(System.getProperty("basedir", "."));
        Path descriptor = basedir.resolve("target/classes/META-INF/maven/plugin.xml");
        assertThat(descriptor).as("the plugin descriptor, generated at process-classes").exists();
        goals = PluginDescriptor.read(descriptor);
        String page = new String(Files.readAllBytes(basedir.resolve(SETTINGS_PAGE)), StandardCharsets.UTF_8);
        settingsTable = Row.table(section(page, "## Settings"));
        goalsSection = section(page, "## Goals");
    }

    @Test
    void theDescriptorHasTheGoals() {
        assertThat(goals).extracting(goal -> goal.name)
                .contains("report-failure", "report-success", "job-details", PluginDescriptor.HELP_GOAL);
        assertThat(settingsTable).as("rows of the Settings table").hasSizeGreaterThan(10);
    }

    @Test
    void everyGoalIsInTheGoalsTable() {
        List<String> missing = goals.stream().map(goal -> "codepipeline:" + goal.name)
                .filter(goal -> !goalsSection.contains("`" + goal + "`")).collect(Collectors.toList());
        assertThat(missing).as("goals of plugin.xml missing from the Goals table").isEmpty();
    }

    @Test
    void everyParameterIsInTheSettingsTable() {
        List<String> missing = new ArrayList<>();
        for (Goal goal : ownGoals()) {
            for (Parameter parameter : goal.parameters) {
                Row row = Row.find(settingsTable, 0, parameter.name);
                if (row == null) {
                    missing.add(goal.name + " " + parameter.name + ": no row with `" + parameter.name + "` as Setting");
                    continue;
                }
                if (parameter.property != null && !row.codes(1).contains(parameter.property)) {
                    missing.add(goal.name + " " + parameter.name + ": Property is not `" + parameter.property + "`");
                }
                if (parameter.defaultValue != null && !row.codes(3).contains(parameter.defaultValue)) {
                    missing.add(goal.name + " " + parameter.name + ": Default does not say `" + parameter.defaultValue + "`");
                }
            }
        }
        assertThat(missing).as("parameters of plugin.xml missing from the Settings table").isEmpty();
    }

    @Test
    void everySettingIsInTheSettingsTable() {
        List<String> missing = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            Row row = Row.find(settingsTable, 1, setting.property());
            if (row == null) {
                missing.add(setting + ": no row with `" + setting.property() + "` as Property");
                continue;
            }
            if (setting.element() != null && !row.codes(0).contains(setting.element())) {
                missing.add(setting + ": Setting is not `" + setting.element() + "`");
            }
            if (!row.codes(2).containsAll(setting.environment())) {
                missing.add(setting + ": Environment is not " + setting.environment());
            }
        }
        assertThat(missing).as("Setting entries missing from the Settings table").isEmpty();
    }

    /** The other way round: a row for a setting that no longer exists misleads as much as a missing one. */
    @Test
    void everyPropertyInTheSettingsTableExists() {
        Set<String> known = Arrays.stream(Setting.values()).map(Setting::property).collect(Collectors.toSet());
        for (Goal goal : ownGoals()) {
            for (Parameter parameter : goal.parameters) {
                known.add(parameter.property);
            }
        }
        List<String> unknown = new ArrayList<>();
        for (Row row : settingsTable) {
            for (String property : row.codes(1)) {
                if (!known.contains(property)) {
                    unknown.add(property);
                }
            }
        }
        assertThat(unknown).as("properties in the Settings table that no setting or parameter has").isEmpty();
    }

    /** The goal pages of {@code mvn site} show each goal's and parameter's description and since. */
    @Test
    void everyGoalAndParameterHasADescriptionAndSince() {
        List<String> undocumented = new ArrayList<>();
        for (Goal goal : ownGoals()) {
            if (goal.description.isEmpty() || goal.since == null) {
                undocumented.add(goal.name + " (description and @since)");
            }
            for (Parameter parameter : goal.parameters) {
                if (parameter.description.isEmpty() || parameter.since == null) {
                    undocumented.add(goal.name + " " + parameter.name + " (description and @since)");
                }
            }
        }
        assertThat(undocumented).as("goals and parameters without javadoc or @since").isEmpty();
    }

    private static List<Goal> ownGoals() {
        return goals.stream().filter(goal -> !goal.isHelp()).collect(Collectors.toList());
    }

    /** From the heading line to the next heading of the same level. */
    private static String section(String page, String heading) {
        int start = page.indexOf("\n" + heading + "\n");
        assertThat(start).as(SETTINGS_PAGE + " section " + heading).isNotNegative();
        int end = page.indexOf("\n## ", start + heading.length() + 1);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    /** A row of a Markdown table: what is in backticks in each cell. */
    private static final class Row {
        final List<Set<String>> cells = new ArrayList<>();

        Row(String line) {
            String[] split = line.trim().split("(?<!\\\\)\\|", -1);
            for (int i = 1; i < split.length - 1; i++) {
                Set<String> codes = new LinkedHashSet<>();
                Matcher code = CODE.matcher(split[i]);
                while (code.find()) {
                    codes.add(code.group(1));
                }
                cells.add(codes);
            }
        }

        Set<String> codes(int column) {
            return column < cells.size() ? cells.get(column) : new LinkedHashSet<>();
        }

        static List<Row> table(String section) {
            List<Row> rows = new ArrayList<>();
            for (String line : section.split("\n")) {
                // Table rows, less the header and the |---| line (no code in their Setting and Property cells).
                if (line.startsWith("|") && !line.startsWith("|---")) {
                    Row row = new Row(line);
                    if (!row.codes(0).isEmpty() || !row.codes(1).isEmpty()) {
                        rows.add(row);
                    }
                }
            }
            return rows;
        }

        static Row find(List<Row> rows, int column, String code) {
            return rows.stream().filter(row -> row.codes(column).contains(code)).findFirst().orElse(null);
        }
    }
}
