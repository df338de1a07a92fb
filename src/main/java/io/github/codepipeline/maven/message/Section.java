package io.github.codepipeline.maven.message;

import java.util.ArrayList;
import java.util.List;

/**
 * One part of the message: a failed module, several with the same cause, or a module-less error. A header that
 * always stays, and details that may be cut, each standing for one or more of what the section counts (a line
 * that groups 30 tests of one cause stands for 30 tests).
 */
final class Section {
    static final String INDENT = "  ";
    private static final int MAX_HEADER = 400;
    /** The module names of a shared cause's header: every one, unless there are hundreds. */
    private static final int MAX_GROUP_NAMES = 2000;
    /** A cut detail line shows at least this much of its start; less is left out (and counted). */
    private static final int MIN_CUT_LINE = 30;
    private static final int MAX_DETAIL_LINE = 500;

    /** The module (or modules) it is about; "Error" for a module-less error. */
    final List<String> names = new ArrayList<>();
    /** The header after the names: {@code " (goal): headline"}. */
    private final String rest;
    final List<String> details = new ArrayList<>();
    private final List<Integer> weights = new ArrayList<>();
    /** What the details count ("test", "error", "line"). */
    private String unit = "line";
    /** What is not shown (beyond the section's cap, or never read): only counted. */
    private int omitted;
    /** Whether the header is left out, because the summary says it already (a build's only, module-less error). */
    boolean headerless;
    /** Whether the last detail is the tool's own fix line, which is shown even when the section is cut. */
    boolean pinLast;
    /** Equal for modules with the same cause. */
    String cause;
    /** The compiler errors of a compile failure (all found, not only those shown), else {@code null}. */
    List<String> compilerErrors;

    Section(String name, String rest) {
        this.names.add(name);
        this.rest = rest;
    }

    String rest() {
        return rest;
    }

    int omitted() {
        return omitted;
    }

    /**
     * @param lines the details found, cleaned
     * @param perLine how many of what is counted each line stands for, or {@code null} for one each
     * @param max how many of them may be shown
     * @param total how many there are in all, those not found included
     */
    Section details(List<String> lines, List<Integer> perLine, String countedUnit, int max, int total) {
        details.clear();
        weights.clear();
        int shown = 0;
        for (int i = 0; i < Math.min(max, lines.size()); i++) {
            details.add(INDENT + "- " + Text.cut(lines.get(i), MAX_DETAIL_LINE));
            int weight = perLine == null ? 1 : perLine.get(i);
            weights.add(weight);
            shown += weight;
        }
        unit = countedUnit;
        omitted = Math.max(0, total - shown);
        return this;
    }

    /** {@code name (goal): headline}, or for a shared cause {@code a, b, c (goal): headline}. */
    String header() {
        if (headerless) {
            return "";
        }
        if (names.size() == 1) {
            return Text.cut(names.get(0) + rest, MAX_HEADER);
        }
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String more = ", " + Text.ELLIPSIS + " " + (names.size() - i) + " more modules";
            if (i > 0 && all.length() + 2 + names.get(i).length() + (i < names.size() - 1 ? more.length() : 0)
                    > MAX_GROUP_NAMES) {
                all.append(more);
                break;
            }
            all.append(i == 0 ? "" : ", ").append(names.get(i));
        }
        return all + Text.cut(rest, MAX_HEADER);
    }

    /** The length of all details with their newlines, the cap's marker included. */
    int detailsLength() {
        int length = omitted > 0 ? marker(omitted).length() + 1 : 0;
        for (String line : details) {
            length += line.length() + 1;
        }
        return length;
    }

    /** What the details from {@code from} on stand for, the omitted included. */
    private int weightFrom(int from) {
        int sum = omitted;
        for (int i = from; i < weights.size(); i++) {
            sum += weights.get(i);
        }
        return sum;
    }

    /**
     * Appends the header and as many details as {@code allowance} allows: whole lines, then the start of the
     * next one cut after a whole word, then the count of what is left; returns the details' length.
     */
    int appendWithin(StringBuilder sb, int allowance) {
        if (!headerless) {
            sb.append('\n').append(header());
        }
        int start = sb.length();
        if (detailsLength() <= allowance) {
            for (String line : details) {
                sb.append('\n').append(line);
            }
            if (omitted > 0) {
                sb.append('\n').append(marker(omitted));
            }
            return sb.length() - start;
        }
        String pinned = null;
        if (pinLast && details.size() > 1 && omitted == 0) {
            pinned = details.remove(details.size() - 1);
            weights.remove(weights.size() - 1);
            allowance -= pinned.length() + 1;
        }
        appendCut(sb, start, allowance);
        if (pinned != null) {
            sb.append('\n').append(pinned);
            details.add(pinned);
            weights.add(1);
        }
        return sb.length() - start;
    }

    private int appendCut(StringBuilder sb, int start, int allowance) {
        int shown = 0;
        // Each line must leave room for the marker that counts what is left after it.
        while (shown < details.size() && sb.length() - start + details.get(shown).length() + 1
                + markerLength(weightFrom(shown + 1)) <= allowance) {
            sb.append('\n').append(details.get(shown++));
        }
        if (shown < details.size()) {
            int room = allowance - (sb.length() - start) - 1 - markerLength(weightFrom(shown + 1));
            if (room >= MIN_CUT_LINE) {
                sb.append('\n').append(Text.cut(details.get(shown++), room));
            }
        }
        int more = weightFrom(shown);
        if (more > 0 && sb.length() - start + markerLength(more) <= allowance) {
            sb.append('\n').append(marker(more));
        }
        return sb.length() - start;
    }

    /** The marker's length with its newline; 0 when nothing is left to count. */
    private int markerLength(int more) {
        return more > 0 ? marker(more).length() + 1 : 0;
    }

    private String marker(int more) {
        return INDENT + Text.ELLIPSIS + " " + more + " more " + unit + (more == 1 ? "" : "s");
    }
}
