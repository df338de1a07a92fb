package io.github.codepipeline.maven.message;

import java.util.Arrays;
import java.util.List;

/**
 * Fits the summary, the sections and the closing line into the message's limit. When the details do not fit, every
 * section keeps its header line and the remaining room is shared fairly (sections that need little get all they
 * need, the rest split what is left); what a cut section cannot use goes to the sections after it.
 */
final class MessageFit {
    private MessageFit() {}

    /**
     * @param rerun the line that says how to rerun ({@link RerunHint}), or "" for none: shown only when the whole
     *     message fits with it, so that it never pushes out a fact
     * @param last the message's last line (Maven's and Java's versions), or "" for none
     * @param footer the line that says where the rest is, when something is left out
     */
    static String fit(String summary, List<Section> sections, String rerun, String last, String footer, int limit) {
        String end = last.isEmpty() ? "" : "\n" + last;
        StringBuilder sb = new StringBuilder(summary);
        int whole = summary.length() + end.length();
        for (Section section : sections) {
            whole += section.header().length() + 1 + section.detailsLength();
        }
        if (whole <= limit) {
            for (Section section : sections) {
                section.appendWithin(sb, Integer.MAX_VALUE);
            }
            if (!rerun.isEmpty() && whole + 1 + rerun.length() <= limit) {
                sb.append('\n').append(rerun);
            }
            return sb.append(end).toString();
        }
        // Fixed part: summary, one header per section, the footer, the last line; each line costs its length plus a newline.
        int fixed = summary.length() + footer.length() + 1 + end.length();
        for (Section section : sections) {
            fixed += section.header().length() + 1;
        }
        if (fixed > limit) {
            return headersOnly(summary, sections, footer, limit);
        }
        int[] allowance = share(sections, limit - fixed);
        int unused = 0;
        for (int i = 0; i < sections.size(); i++) {
            unused += allowance[i] - sections.get(i).appendWithin(sb, allowance[i] + unused);
        }
        sb.append('\n').append(footer).append(end);
        return Text.truncate(sb.toString(), limit); // a guard: the arithmetic above already fits
    }

    /** Water-filling: each section gets what it needs up to an equal share of what the smaller ones left over. */
    private static int[] share(List<Section> sections, int room) {
        int[] allowance = new int[sections.size()];
        Integer[] order = new Integer[sections.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(sections.get(a).detailsLength(), sections.get(b).detailsLength()));
        int left = room;
        for (int k = 0; k < order.length; k++) {
            int fairShare = left / (order.length - k);
            int need = sections.get(order[k]).detailsLength();
            allowance[order[k]] = Math.min(need, fairShare);
            left -= allowance[order[k]];
        }
        return allowance;
    }

    /** So many failed modules that even their header lines do not fit: name as many as fit, count the rest. */
    private static String headersOnly(String summary, List<Section> sections, String footer, int limit) {
        StringBuilder sb = new StringBuilder(summary);
        for (int i = 0; i < sections.size(); i++) {
            String more = "\n" + Text.ELLIPSIS + " " + (sections.size() - i) + " more failed modules\n" + footer;
            Section section = sections.get(i);
            String header = Text.cut(section.header(), section.names.size() > 1 ? 600 : 120);
            if (sb.length() + header.length() + 1 + more.length() > limit) {
                sb.append(more);
                return Text.truncate(sb.toString(), limit);
            }
            sb.append('\n').append(header);
        }
        return Text.truncate(sb.append('\n').append(footer).toString(), limit);
    }
}
