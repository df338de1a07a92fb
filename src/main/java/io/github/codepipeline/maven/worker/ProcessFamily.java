package io.github.codepipeline.maven.worker;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code java.lang.ProcessHandle} through reflection, as the main code is compiled for Java 8: the descendants of a
 * process, their signals and whether they live. On Java 8 a build's descendants are not seen, and stopping a build
 * stops the process the worker started only (the README says so).
 */
final class ProcessFamily {
    private static final Method TO_HANDLE;
    private static final Method DESCENDANTS;
    private static final Method DESTROY;
    private static final Method DESTROY_FORCIBLY;
    private static final Method IS_ALIVE;

    static {
        Method[] methods = new Method[5];
        try {
            Class<?> handle = Class.forName("java.lang.ProcessHandle");
            methods[0] = Process.class.getMethod("toHandle");
            methods[1] = handle.getMethod("descendants");
            methods[2] = handle.getMethod("destroy");
            methods[3] = handle.getMethod("destroyForcibly");
            methods[4] = handle.getMethod("isAlive");
        } catch (ReflectiveOperationException | RuntimeException e) {
            methods = new Method[5]; // Java 8
        }
        TO_HANDLE = methods[0];
        DESCENDANTS = methods[1];
        DESTROY = methods[2];
        DESTROY_FORCIBLY = methods[3];
        IS_ALIVE = methods[4];
    }

    private ProcessFamily() {}

    static boolean supported() {
        return IS_ALIVE != null;
    }

    /** The process's descendants now (children, their children...), as {@code ProcessHandle}s; none on Java 8. */
    static List<Object> descendants(Process process) {
        List<Object> handles = new ArrayList<>();
        if (supported()) {
            try {
                try (Stream<?> stream = (Stream<?>) DESCENDANTS.invoke(TO_HANDLE.invoke(process))) {
                    stream.forEach(handles::add);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not allowed to see them (a security manager): the build's own process is still stopped
            }
        }
        return handles;
    }

    static void destroy(Object handle, boolean forcibly) {
        try {
            (forcibly ? DESTROY_FORCIBLY : DESTROY).invoke(handle);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // gone already, or not ours to signal
        }
    }

    static boolean isAlive(Object handle) {
        try {
            return Boolean.TRUE.equals(IS_ALIVE.invoke(handle));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}

