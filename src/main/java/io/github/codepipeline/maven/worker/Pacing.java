package io.github.codepipeline.maven.worker;

import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;

/**
 * When to poll next: at once while jobs come and builds are free; after the interval with &plusmn;20% jitter when idle
 * (so that a fleet started together spreads out); after an interval doubled per failure in a row, up to 5 min, when
 * polling fails or is throttled. Knows which failures were logged already, so that each distinct one is logged once.
 */
final class Pacing {
    static final long MAX_BACKOFF_MILLIS = 5 * 60 * 1000;
    private static final int MAX_REMEMBERED = 100;

    private final long intervalMillis;
    private final Random random;
    private final Set<String> logged = new LinkedHashSet<>();
    private int failures;

    Pacing(long intervalMillis, Random random) {
        this.intervalMillis = intervalMillis;
        this.random = random;
    }

    /** The wait after a poll that returned {@code jobs} jobs. */
    long afterSuccess(int jobs) {
        failures = 0;
        return jobs > 0 ? 0 : jitter(intervalMillis);
    }

    /** The wait after a failed poll. */
    long afterFailure() {
        failures = Math.min(failures + 1, 20);
        long backoff = intervalMillis;
        for (int i = 1; i < failures && backoff < MAX_BACKOFF_MILLIS; i++) {
            backoff *= 2;
        }
        return jitter(Math.min(backoff, MAX_BACKOFF_MILLIS));
    }

    int failuresInARow() {
        return failures;
    }

    /** Whether {@code message} is new (to be logged); {@code false} when it was logged before. */
    boolean firstTime(String text) {
        String message = text.replaceAll(", request ID [^),]*", ""); // the same error with another request ID
        if (logged.contains(message)) {
            return false;
        }
        if (logged.size() >= MAX_REMEMBERED) {
            logged.remove(logged.iterator().next());
        }
        logged.add(message);
        return true;
    }

    private long jitter(long millis) {
        return (long) (millis * (0.8 + 0.4 * random.nextDouble()));
    }
}
