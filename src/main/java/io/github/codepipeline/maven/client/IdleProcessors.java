package io.github.codepipeline.maven.client;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;

/** How many processors' worth of CPU the machine left idle since the last sample. */
interface IdleProcessors {
    double get();

    /**
     * From the JVM's {@code com.sun.management.OperatingSystemMXBean#getSystemCpuLoad()} (HotSpot and OpenJ9 have it;
     * container-aware on current JDKs), read by reflection so that a JVM without it only loses the wait: it then
     * counts as idle. Set up on the first sample, which only starts the measurement and counts as busy: setting up
     * the JVM's management beans takes some 40 ms, which belongs in the background thread, not the build's.
     */
    static IdleProcessors ofThisMachine() {
        return new IdleProcessors() {
            private final int processors = Runtime.getRuntime().availableProcessors();
            private Object bean;
            private Method systemCpuLoad;

            @Override
            public double get() {
                try {
                    if (bean == null) {
                        bean = ManagementFactory.getOperatingSystemMXBean();
                        systemCpuLoad = Class.forName("com.sun.management.OperatingSystemMXBean").getMethod("getSystemCpuLoad");
                        systemCpuLoad.invoke(bean);
                        return 0;
                    }
                    double load = (Double) systemCpuLoad.invoke(bean);
                    return load < 0 || Double.isNaN(load) ? processors : (1.0 - load) * processors;
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    return processors;
                }
            }
        };
    }
}
