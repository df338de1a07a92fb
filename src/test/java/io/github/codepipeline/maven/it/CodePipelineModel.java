package io.github.codepipeline.maven.it;

import com.github.tomakehurst.wiremock.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The constraints of CodePipeline's service model (API 2015-07-09) for the third-party job operations, read from
 * {@code codepipeline-job-worker-api.json} (a copy of the trimmed AWS model in {@code src/test/resources}; both job families):
 * required members, string lengths, patterns, enums, number ranges, member types. Checks a request body the way the
 * service does before it acts.
 *
 * <p>Decisions: a {@code pattern} must match the whole value (the model's patterns carry no anchors; the service's
 * own validators match whole values); lengths count Unicode code points, as Smithy's {@code @length} does; a member
 * the model does not know is refused ({@code SerializationException}), as a client of this model never sends one.
 */
final class CodePipelineModel {
    /** What the service answers: the error's {@code __type} and its message. */
    static final class Violation {
        final String type;
        final String message;

        Violation(String type, String message) {
            this.type = type;
            this.message = message;
        }

        @Override
        public String toString() {
            return type + ": " + message;
        }
    }

    private static final Map<String, Object> MODEL = load();

    private CodePipelineModel() {}

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = CodePipelineModel.class.getResourceAsStream("/codepipeline-job-worker-api.json")) {
            if (in == null) {
                throw new IllegalStateException("codepipeline-job-worker-api.json is not on the test classpath");
            }
            return Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(String name) {
        return (Map<String, Object>) MODEL.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shape(String name) {
        return (Map<String, Object>) section("shapes").get(name);
    }

    static boolean knows(String operation) {
        return section("operations").containsKey(operation);
    }

    /** The service's answer to {@code body} for {@code operation}, or null when the input is valid. */
    @SuppressWarnings("unchecked")
    static Violation check(String operation, String body) {
        Object input;
        try {
            input = Json.read(body.isEmpty() ? "{}" : body, Object.class);
        } catch (RuntimeException e) {
            return new Violation("SerializationException", "Malformed JSON request body");
        }
        Map<String, Object> op = (Map<String, Object>) section("operations").get(operation);
        List<String> errors = new ArrayList<>();
        try {
            check((String) op.get("input"), input, "", errors);
        } catch (IllegalArgumentException wrongType) {
            return new Violation("SerializationException", wrongType.getMessage());
        }
        if (errors.isEmpty()) {
            return null;
        }
        return new Violation("ValidationException", errors.size() + " validation error" + (errors.size() == 1 ? "" : "s")
                + " detected: " + String.join("; ", errors));
    }

    @SuppressWarnings("unchecked")
    private static void check(String shapeName, Object value, String path, List<String> errors) {
        Map<String, Object> shape = shape(shapeName);
        String type = (String) shape.get("type");
        String at = path.isEmpty() ? "the request" : "'" + path + "'";
        switch (type) {
            case "structure": {
                if (!(value instanceof Map)) {
                    throw new IllegalArgumentException("Expected an object at " + at);
                }
                Map<String, Object> members = (Map<String, Object>) shape.getOrDefault("members", Map.of());
                Map<String, Object> object = (Map<String, Object>) value;
                for (String name : object.keySet()) {
                    if (!members.containsKey(name)) {
                        throw new IllegalArgumentException("Unknown member '" + join(path, name) + "'");
                    }
                }
                for (Object required : (List<Object>) shape.getOrDefault("required", List.of())) {
                    if (object.get(required) == null) {
                        errors.add("Value null at '" + join(path, (String) required)
                                + "' failed to satisfy constraint: Member must not be null");
                    }
                }
                for (Map.Entry<String, Object> member : object.entrySet()) {
                    if (member.getValue() != null) {
                        String memberShape = (String) ((Map<String, Object>) members.get(member.getKey())).get("shape");
                        check(memberShape, member.getValue(), join(path, member.getKey()), errors);
                    }
                }
                return;
            }
            case "list": {
                if (!(value instanceof List)) {
                    throw new IllegalArgumentException("Expected a list at " + at);
                }
                List<Object> list = (List<Object>) value;
                length(shape, list.size(), value, path, errors);
                String memberShape = (String) ((Map<String, Object>) shape.get("member")).get("shape");
                for (int i = 0; i < list.size(); i++) {
                    check(memberShape, list.get(i), path + "." + (i + 1) + ".member", errors);
                }
                return;
            }
            case "map": {
                if (!(value instanceof Map)) {
                    throw new IllegalArgumentException("Expected an object at " + at);
                }
                Map<String, Object> map = (Map<String, Object>) value;
                length(shape, map.size(), value, path, errors);
                String keyShape = (String) ((Map<String, Object>) shape.get("key")).get("shape");
                String valueShape = (String) ((Map<String, Object>) shape.get("value")).get("shape");
                for (Map.Entry<String, Object> entry : map.entrySet()) {
                    check(keyShape, entry.getKey(), path + ".key", errors);
                    check(valueShape, entry.getValue(), path + ".value", errors);
                }
                return;
            }
            case "string": {
                if (!(value instanceof String)) {
                    throw new IllegalArgumentException("Expected a string at " + at);
                }
                String string = (String) value;
                length(shape, string.codePointCount(0, string.length()), value, path, errors);
                List<Object> values = (List<Object>) shape.get("enum");
                if (values != null && !values.contains(string)) {
                    errors.add(describe(value, shape, path) + " failed to satisfy constraint: Member must satisfy enum value set: "
                            + values);
                }
                String pattern = (String) shape.get("pattern");
                if (pattern != null && !Pattern.compile(pattern).matcher(string).matches()) {
                    errors.add(describe(value, shape, path)
                            + " failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern);
                }
                return;
            }
            case "integer":
            case "long": {
                if (!(value instanceof Integer || value instanceof Long)) {
                    throw new IllegalArgumentException("Expected an integer at " + at);
                }
                long number = ((Number) value).longValue();
                if (shape.get("min") != null && number < ((Number) shape.get("min")).longValue()) {
                    errors.add(describe(value, shape, path) + " failed to satisfy constraint: Member must have value greater than or equal to "
                            + shape.get("min"));
                }
                if (shape.get("max") != null && number > ((Number) shape.get("max")).longValue()) {
                    errors.add(describe(value, shape, path) + " failed to satisfy constraint: Member must have value less than or equal to "
                            + shape.get("max"));
                }
                return;
            }
            case "timestamp":
                if (!(value instanceof Number)) {
                    throw new IllegalArgumentException("Expected epoch seconds at " + at);
                }
                return;
            case "boolean":
                if (!(value instanceof Boolean)) {
                    throw new IllegalArgumentException("Expected a boolean at " + at);
                }
                return;
            default:
                throw new IllegalStateException("Shape type " + type + " of " + shapeName + " is not handled");
        }
    }

    private static void length(Map<String, Object> shape, int length, Object value, String path, List<String> errors) {
        if (shape.get("min") != null && length < ((Number) shape.get("min")).intValue()) {
            errors.add(describe(value, shape, path) + " failed to satisfy constraint: Member must have length greater than or equal to "
                    + shape.get("min"));
        }
        if (shape.get("max") != null && length > ((Number) shape.get("max")).intValue()) {
            errors.add(describe(value, shape, path) + " failed to satisfy constraint: Member must have length less than or equal to "
                    + shape.get("max"));
        }
    }

    /** As the service words it; it leaves out sensitive and long values. */
    private static String describe(Object value, Map<String, Object> shape, String path) {
        boolean shown = value instanceof String && !Boolean.TRUE.equals(shape.get("sensitive")) && ((String) value).length() <= 100;
        return "Value " + (shown ? "'" + value + "' " : "") + "at '" + path + "'";
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
