package io.github.codepipeline.maven.client;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.reflect.Method;

/** How many processors' worth of CPU the machine left idle since the last sample. */
interface IdleProcessors {
    double get();

    /**
     * From the JVM's {@code com.sun.management.OperatingSystemMXBean#getSystemCpuLoad()} (HotSpot and OpenJ9 have it;
     * container-aware on current JDKs), read by reflection so that a JVM without it only loses the wait: it then
     * counts as idle.
     */
    static IdleProcessors ofThisMachine() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        int processors = Runtime.getRuntime().availableProcessors();
        Method systemLoad;
        try {
            systemLoad = Class.forName("com.sun.management.OperatingSystemMXBean").getMethod("getSystemCpuLoad");
            systemLoad.invoke(os); // the first sample only starts the measurement
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return () -> processors;
        }
        return () -> {
            try {
                double load = (Double) systemLoad.invoke(os);
                return load < 0 ? processors : (1.0 - load) * processors;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return processors;
            }
        };
    }
}
