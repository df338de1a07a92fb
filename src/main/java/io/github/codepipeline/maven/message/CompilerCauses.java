package io.github.codepipeline.maven.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a compiler error says once the place it was found is taken out: one API change that breaks several modules
 * in different classes gives each module the same causes ({@code cannot find symbol; symbol: method register(…)},
 * {@code does not override abstract method install(…) in Module}) even when the classes, argument types and
 * locations differ. Modules whose errors have the same causes share one section that lists each cause once, with
 * every place it was found as {@code File.java:line}.
 */
final class CompilerCauses {
    private static final Pattern POSITION = Pattern.compile("^([^\\s:\\[]+):\\[(\\d+),\\d+\\] (.*)$");
    private static final Pattern ARGUMENTS = Pattern.compile("(\\b[\\w$]+)\\((?:[^()]|\\([^()]*\\))*\\)");
    private static final Pattern NOT_ABSTRACT = Pattern.compile(
            "^\\S+ is not abstract and does not override abstract method (.*)$");
    private static final Pattern CANNOT_APPLY = Pattern.compile("^(.*? cannot be applied to (?:given types|[^;]*));.*$");
    /** The places of one cause shown at most; past them, the count says the rest. */
    private static final int MAX_PLACES = 12;
    /** The first few compiler errors say what is wrong; the rest are mostly their consequences. */
    static final int MAX_ERRORS_SHOWN = 10;

    private CompilerCauses() {}

    /** The error without its position, location, argument types and the class it was found in. */
    static String cause(String error) {
        Matcher m = POSITION.matcher(error);
        String text = m.matches() ? m.group(3) : error;
        int location = text.indexOf("; location:");
        if (location >= 0) {
            text = text.substring(0, location);
        }
        Matcher notAbstract = NOT_ABSTRACT.matcher(text);
        if (notAbstract.matches()) {
            text = "does not override abstract method " + notAbstract.group(1);
        }
        Matcher apply = CANNOT_APPLY.matcher(text);
        if (apply.matches()) {
            text = apply.group(1);
        }
        return ARGUMENTS.matcher(text).replaceAll("$1(" + Text.ELLIPSIS + ")");
    }

    /** The causes of a module's errors, first seen first. */
    static Set<String> causes(List<String> errors) {
        Set<String> causes = new LinkedHashSet<>();
        for (String error : errors) {
            causes.add(cause(error));
        }
        return causes;
    }

    /** {@code Cart.java:5} of {@code Cart.java:[5,9] …}, or {@code null}. */
    static String place(String error) {
        Matcher m = POSITION.matcher(error);
        return m.matches() ? m.group(1) + ":" + m.group(2) : null;
    }

    /**
     * One line per cause: {@code cannot find symbol; symbol: method register(…) — 4 places: Orders.java:12, …}. A
     * file name found in more than one module is given with its module ({@code orders/Client.java:7}).
     *
     * @param modules the modules' names, in the order of {@code errors}
     * @param errors each module's errors
     */
    static List<String> merged(List<String> modules, List<List<String>> errors) {
        Map<String, Set<String>> modulesOfFile = new LinkedHashMap<>();
        for (int i = 0; i < modules.size(); i++) {
            for (String error : errors.get(i)) {
                String place = place(error);
                if (place != null) {
                    String file = place.substring(0, place.lastIndexOf(':'));
                    modulesOfFile.computeIfAbsent(file, f -> new LinkedHashSet<>()).add(modules.get(i));
                }
            }
        }
        Map<String, List<String>> places = new LinkedHashMap<>();
        for (int i = 0; i < modules.size(); i++) {
            for (String error : errors.get(i)) {
                List<String> of = places.computeIfAbsent(cause(error), c -> new ArrayList<>());
                String place = place(error);
                if (place != null) {
                    String file = place.substring(0, place.lastIndexOf(':'));
                    String where = modulesOfFile.get(file).size() > 1 ? modules.get(i) + "/" + place : place;
                    if (!of.contains(where)) {
                        of.add(where);
                    }
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<String>> cause : places.entrySet()) {
            List<String> where = cause.getValue();
            StringBuilder line = new StringBuilder(cause.getKey());
            if (!where.isEmpty()) {
                line.append(" \u2014 ").append(where.size() == 1 ? "" : where.size() + " places: ")
                        .append(String.join(", ", where.subList(0, Math.min(MAX_PLACES, where.size()))));
                if (where.size() > MAX_PLACES) {
                    line.append(", ").append(Text.ELLIPSIS);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * Compile failures of several modules with the same causes ({@link #causes}), in different classes and places,
     * become one section that lists each cause once with every place it was found ({@link #merged}).
     */
    static void mergeSections(List<Section> sections) {
        Map<String, List<Section>> byCauses = new LinkedHashMap<>();
        for (Section section : sections) {
            if (section.compilerErrors != null) {
                String key = section.rest() + "\n" + String.join("\n", causes(section.compilerErrors));
                byCauses.computeIfAbsent(key, k -> new ArrayList<>()).add(section);
            }
        }
        for (List<Section> same : byCauses.values()) {
            if (same.size() < 2) {
                continue;
            }
            Section first = same.get(0);
            List<String> names = new ArrayList<>();
            List<List<String>> errors = new ArrayList<>();
            for (Section section : same) {
                names.add(section.names.get(0));
                errors.add(section.compilerErrors);
                if (section != first) {
                    first.names.addAll(section.names);
                    sections.remove(section);
                }
            }
            List<String> lines = merged(names, errors);
            first.details(lines, null, "cause", MAX_ERRORS_SHOWN, lines.size());
        }
    }
}
