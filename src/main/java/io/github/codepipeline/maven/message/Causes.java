package io.github.codepipeline.maven.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Walks cause chains safely: cycles and self-causes end the walk instead of looping, a chain of ever new causes
 * ends after {@value #MAX_DEPTH}, and an exception whose {@code getCause()} or {@code getMessage()} throws is
 * taken as having none.
 */
public final class Causes {
    private static final int MAX_DEPTH = 64;

    private Causes() {}

    /** {@code error} and its causes, outermost first, each at most once. */
    public static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
        for (Throwable t = error; t != null && seen.add(t) && chain.size() < MAX_DEPTH; t = cause(t)) {
            chain.add(t);
        }
        return chain;
    }

    private static Throwable cause(Throwable t) {
        try {
            return t.getCause();
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** The exception's message, or {@code null} when it has none or cannot give it. */
    public static String message(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** The exception's message, or its class's simple name when it has none. */
    static String describe(Throwable t) {
        String message = message(t);
        if (message == null || message.trim().isEmpty()) {
            return t.getClass().getSimpleName();
        }
        return message;
    }

    /**
     * The exception's type and message, as in {@code UnknownHostException: repo.example.com}: a root cause's
     * message often means little without its type.
     */
    static String describeWithType(Throwable t) {
        String type = t.getClass().getSimpleName();
        String message = describe(t);
        return message.startsWith(type) || message.startsWith(t.getClass().getName()) ? message : type + ": " + message;
    }

    /** The exception that says what failed: the first below Maven's lifecycle wrapper; {@code null} for none. */
    static Throwable headline(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (!isNamed(t, "LifecycleExecutionException")) {
                return t;
            }
        }
        return chain.isEmpty() ? null : chain.get(0);
    }

    static boolean isNamed(Throwable t, String simpleName) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }
}
