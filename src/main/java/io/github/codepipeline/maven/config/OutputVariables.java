package io.github.codepipeline.maven.config;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A custom action's output variables, sent with {@code PutJobSuccessResult} for later actions to read as
 * {@code #{Namespace.NAME}}: from {@code codepipeline.outputVariables} ({@code NAME=value} pairs, comma-separated;
 * {@code \,} is a comma and {@code \\} a backslash inside a value) or the goals' {@code <outputVariables>} map,
 * checked against the service's rules before any call:
 * <ul>
 *   <li>names match the model's {@code OutputVariablesKey} pattern {@code [A-Za-z0-9@\-_]+};</li>
 *   <li>none together with a continuation token (the API takes them only from an action that is done);</li>
 *   <li>at most {@value #MAX_BYTES} bytes in all: CodePipeline's quota, "a maximum size limit of 122880 bytes for all
 *       output variables combined for a particular action" (User Guide, Quotas, "Variable quotas"); the model itself
 *       states no bound, and the service answers {@code OutputVariablesSizeExceededException}. How the service counts
 *       is not documented: here names and values, in UTF-8 (a JSON encoding would add quotes and escapes; the service
 *       remains the judge, and its refusal is one line too).</li>
 * </ul>
 *
 * <p>Decisions: when none are set, a custom action's success carries the defaults the caller knows
 * ({@code PROJECT_VERSION}, {@code INPUT_REVISION}); {@code none} sends none at all. A partner action's success call
 * has no output variables: set ones are not sent, with a warning (the success itself is still reported, since the
 * build did succeed).
 */
public final class OutputVariables {
    public static final int MAX_BYTES = 122_880;
    /** The value of {@code codepipeline.outputVariables} that sends no variables, not even the defaults. */
    public static final String NONE = "none";
    public static final String PROJECT_VERSION = "PROJECT_VERSION";
    public static final String INPUT_REVISION = "INPUT_REVISION";
    /** The property {@code download-input} sets, and a build may pass: the input artifact's revision. */
    public static final String INPUT_REVISION_PROPERTY = "codepipeline.job.inputRevision";
    /** The environment variable in which the job worker hands a build its input artifact's revision. */
    public static final String INPUT_REVISION_VARIABLE = "CODEPIPELINE_INPUT_REVISION";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9@\\-_]+");
    private static final OutputVariables EMPTY = new OutputVariables(Collections.<String, String>emptyMap());

    private final Map<String, String> variables;

    private OutputVariables(Map<String, String> variables) {
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * The defaults: {@code PROJECT_VERSION}, the project's version ({@code null} without a pom), and
     * {@code INPUT_REVISION}, the {@value #INPUT_REVISION_PROPERTY} property ({@code download-input} sets it for the
     * rest of its build; a later build may pass it with {@code -D}), else the {@value #INPUT_REVISION_VARIABLE}
     * environment variable (the job worker hands it to each build).
     */
    public static Map<String, String> defaults(String projectVersion, SettingSources sources) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(PROJECT_VERSION, projectVersion);
        String revision = sources.property(INPUT_REVISION_PROPERTY);
        defaults.put(INPUT_REVISION, revision != null ? revision : sources.environment(INPUT_REVISION_VARIABLE));
        return defaults;
    }

    public static OutputVariables none() {
        return EMPTY;
    }

    /**
     * @param defaults what a custom action sends when no variable is set (values {@code null} or blank are left out)
     * @param warnings where to add a remark that does not stop the report
     */
    public static OutputVariables resolve(SettingSources sources, ActionOwner owner, String continuationToken,
            Map<String, String> defaults, List<String> warnings) throws InvalidSettingException {
        SettingSources.Value value = sources.lookup(Setting.OUTPUT_VARIABLES);
        if (value != null && value.value().equalsIgnoreCase(NONE)) {
            return EMPTY;
        }
        if (value == null) {
            if (owner != ActionOwner.Custom || continuationToken != null || defaults == null) {
                return EMPTY; // defaults are only defaults: never a reason to refuse or warn
            }
            Map<String, String> known = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : defaults.entrySet()) {
                if (entry.getValue() != null && !entry.getValue().trim().isEmpty()) {
                    known.put(entry.getKey(), entry.getValue().trim());
                }
            }
            return bytes(known) > MAX_BYTES ? EMPTY : new OutputVariables(known);
        }
        if (owner != ActionOwner.Custom) {
            warnings.add("the output variables (from " + value.source() + ") are not sent: a partner action's success call,"
                    + " " + owner.successCall() + ", has none. Set " + Setting.ACTION_OWNER.property()
                    + "=Custom if the job belongs to a custom action.");
            return EMPTY;
        }
        Map<String, String> variables = parse(value);
        if (continuationToken != null) {
            throw new InvalidSettingException("Output variables (from " + value.source() + ") cannot go with a continuation"
                    + " token (" + Setting.CONTINUATION_TOKEN.howToSet() + "): CodePipeline takes them only from an action that"
                    + " is done. Send them with the last step's success, without a continuation token.");
        }
        long bytes = bytes(variables);
        if (bytes > MAX_BYTES) {
            throw ReportSettings.invalid(Setting.OUTPUT_VARIABLES, value, variables.size() + " variables of " + bytes
                    + " bytes in all (names and values, UTF-8); CodePipeline takes at most " + MAX_BYTES
                    + " bytes of output variables from an action. Send fewer or shorter values");
        }
        return new OutputVariables(variables);
    }

    /**
     * {@code NAME=value} pairs, comma-separated; a backslash takes the next character as it is ({@code \,} is a comma in
     * a value). Space around names and values is dropped.
     */
    static Map<String, String> parse(SettingSources.Value value) throws InvalidSettingException {
        Map<String, String> variables = new LinkedHashMap<>();
        String text = value.value();
        StringBuilder pair = new StringBuilder();
        int equals = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '\\' && i + 1 < text.length()) {
                pair.append(text.charAt(++i));
            } else if (c == ',') {
                add(value, variables, pair.toString(), equals);
                pair.setLength(0);
                equals = -1;
            } else {
                if (c == '=' && equals < 0) {
                    equals = pair.length();
                }
                pair.append(c);
            }
        }
        return variables;
    }

    private static void add(SettingSources.Value value, Map<String, String> variables, String pair, int equals)
            throws InvalidSettingException {
        if (pair.trim().isEmpty()) {
            return; // "A=1,,B=2" or a trailing comma
        }
        if (equals < 0) {
            throw ReportSettings.invalid(Setting.OUTPUT_VARIABLES, value, "has '" + ReportSettings.shown(pair.trim())
                    + "', which is not NAME=value. Write the variables as NAME=value pairs separated by commas, such as"
                    + " IMAGE_TAG=1.4.0,COMMIT=9fceb02 (\\, for a comma inside a value)");
        }
        String name = pair.substring(0, equals).trim();
        if (!NAME.matcher(name).matches()) {
            throw ReportSettings.invalid(Setting.OUTPUT_VARIABLES, value, "has the variable name '" + ReportSettings.shown(name)
                    + "', which CodePipeline refuses: names are letters, digits and @ - _ only, such as IMAGE_TAG");
        }
        if (variables.containsKey(name)) {
            throw ReportSettings.invalid(Setting.OUTPUT_VARIABLES, value, "sets the variable " + name + " twice. Set each once");
        }
        variables.put(name, pair.substring(equals + 1).trim());
    }

    /**
     * The {@code codepipeline.outputVariables} text of a map, such as the goals' {@code <outputVariables>}: what
     * {@link #parse} reads back into the same map. A name that would not read back is kept as it is, so that the check
     * of names refuses it.
     */
    public static String encode(Map<String, String> variables) {
        if (variables == null || variables.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : variables.entrySet()) {
            text.append(text.length() == 0 ? "" : ",").append(escape(String.valueOf(entry.getKey()))).append('=')
                    .append(escape(entry.getValue() == null ? "" : entry.getValue()));
        }
        return text.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }

    private static long bytes(Map<String, String> variables) {
        long bytes = 0;
        for (Map.Entry<String, String> entry : variables.entrySet()) {
            bytes += entry.getKey().getBytes(StandardCharsets.UTF_8).length + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    public boolean isEmpty() {
        return variables.isEmpty();
    }

    /** The variables, in the order they were given. */
    public Map<String, String> asMap() {
        return variables;
    }
}
