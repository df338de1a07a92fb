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
    private static final Method OF;
    private static final Method PID;
    private static final Method HANDLE_PID;

    static {
        Method[] methods = new Method[8];
        try {
            Class<?> handle = Class.forName("java.lang.ProcessHandle");
            methods[0] = Process.class.getMethod("toHandle");
            methods[1] = handle.getMethod("descendants");
            methods[2] = handle.getMethod("destroy");
            methods[3] = handle.getMethod("destroyForcibly");
            methods[4] = handle.getMethod("isAlive");
            methods[5] = handle.getMethod("of", long.class);
            methods[6] = Process.class.getMethod("pid");
            methods[7] = handle.getMethod("pid");
        } catch (ReflectiveOperationException | RuntimeException e) {
            methods = new Method[8]; // Java 8
        }
        TO_HANDLE = methods[0];
        DESCENDANTS = methods[1];
        DESTROY = methods[2];
        DESTROY_FORCIBLY = methods[3];
        IS_ALIVE = methods[4];
        OF = methods[5];
        PID = methods[6];
        HANDLE_PID = methods[7];
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

    /** The PID of a {@code ProcessHandle}, or {@code null}. */
    static Long pid(Object handle) {
        try {
            return HANDLE_PID == null ? null : (Long) HANDLE_PID.invoke(handle);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The process's PID, or -1 on Java 8. */
    static long pid(Process process) {
        try {
            return PID == null ? -1 : (Long) PID.invoke(process);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code SIGTERM} or ({@code kill}) {@code SIGKILL} to the process {@code pid}, when this Java can send them. */
    static void signal(long pid, boolean kill) {
        if (OF == null) {
            return;
        }
        try {
            java.util.Optional<?> handle = (java.util.Optional<?>) OF.invoke(null, pid);
            if (handle.isPresent()) {
                destroy(handle.get(), kill);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // gone already, or not ours to signal
        }
    }
}
