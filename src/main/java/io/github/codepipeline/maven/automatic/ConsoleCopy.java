package io.github.codepipeline.maven.automatic;

import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * A copy of each line Maven's own logger prints, taken where the logger hands it to the console, for the length of
 * one build. Maven hands extensions no log lines, and {@code System.out} is not where its logger writes: Maven 3's
 * logger (slf4j-simple with {@code cacheOutputStream=true}) keeps the stream it found at start-up, and Maven 4's
 * hands each line to a sink of its own. So:
 *
 * <ul>
 *   <li>Maven 3.6.3 to 3.9: the logger's cached stream ({@code SimpleLogger.CONFIG_PARAMS.outputChoice}) is
 *       replaced by a {@link CopyingPrintStream} in front of it, which passes every call on unchanged;
 *   <li>Maven 4: the logger's sink ({@code MavenSimpleLogger.logSink}) is replaced by one that passes each line to
 *       the sink it replaces, then copies it.
 * </ul>
 *
 * The console (or {@code --log-file}) gets the same calls with the same arguments as without the copy: not one byte
 * changes. With another logger (mvnd's, say) nothing is installed and the message is as it was without the
 * goal's lines. Everything here fails quietly: a Maven whose internals differ only loses the copy.
 */
final class ConsoleCopy {
    private final Runnable restore;

    private ConsoleCopy(Runnable restore) {
        this.restore = restore;
    }

    /**
     * Starts copying to {@code copier}; {@code null} when this Maven's logger is not one of those known.
     * The copier runs on the thread that logs, after the console has the line.
     */
    static ConsoleCopy install(Consumer<String> copier) {
        try {
            ClassLoader loader = LoggerFactory.getILoggerFactory().getClass().getClassLoader();
            ConsoleCopy maven4 = maven4(loader, copier);
            return maven4 != null ? maven4 : maven3(loader, copier);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Puts back what was there, unless someone else has replaced it since (then the copier just stops being fed). */
    void uninstall() {
        try {
            restore.run();
        } catch (RuntimeException | LinkageError e) {
            // Nothing to put back that we could reach: the copier is closed by its owner anyway.
        }
    }

    @SuppressWarnings("unchecked")
    private static ConsoleCopy maven4(ClassLoader loader, Consumer<String> copier) throws ReflectiveOperationException {
        Class<?> logger;
        try {
            logger = Class.forName("org.apache.maven.slf4j.MavenSimpleLogger", false, loader);
        } catch (ClassNotFoundException notMaven4) {
            return null;
        }
        Field sinkField = logger.getDeclaredField("logSink");
        sinkField.setAccessible(true);
        Consumer<String> sink = (Consumer<String>) sinkField.get(null);
        if (sink == null) {
            return null;
        }
        Consumer<String> copying = line -> {
            sink.accept(line);
            try {
                copier.accept(line);
            } catch (RuntimeException | Error e) {
                // The console has its line; the copy is a nicety.
            }
        };
        Method setter = logger.getMethod("setLogSink", Consumer.class);
        setter.invoke(null, copying);
        return new ConsoleCopy(() -> {
            try {
                if (sinkField.get(null) == copying) {
                    setter.invoke(null, sink);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static ConsoleCopy maven3(ClassLoader loader, Consumer<String> copier) throws ReflectiveOperationException {
        Class<?> logger;
        Class<?> outputChoice;
        try {
            logger = Class.forName("org.slf4j.impl.SimpleLogger", false, loader);
            outputChoice = Class.forName("org.slf4j.impl.OutputChoice", false, loader);
        } catch (ClassNotFoundException notMaven3) {
            return null;
        }
        Field configField = logger.getDeclaredField("CONFIG_PARAMS");
        configField.setAccessible(true);
        Object config = configField.get(null);
        if (config == null) {
            return null;
        }
        Field choiceField = config.getClass().getDeclaredField("outputChoice");
        choiceField.setAccessible(true);
        Object choice = choiceField.get(config);
        if (choice == null) {
            return null;
        }
        // Only a stream the logger keeps (Maven's default, or --log-file's): one it looks up on each line
        // (System.out, uncached) would no longer follow System.setOut once replaced by a fixed one.
        Field typeField = outputChoice.getDeclaredField("outputChoiceType");
        typeField.setAccessible(true);
        Object type = typeField.get(choice);
        if (type == null || !(type.toString().startsWith("CACHED_") || type.toString().equals("FILE"))) {
            return null;
        }
        Method target = outputChoice.getDeclaredMethod("getTargetPrintStream");
        target.setAccessible(true);
        PrintStream console = (PrintStream) target.invoke(choice);
        if (console == null || console instanceof CopyingPrintStream) {
            return null;
        }
        Constructor<?> toStream = outputChoice.getDeclaredConstructor(PrintStream.class);
        toStream.setAccessible(true);
        Object copying = toStream.newInstance(new CopyingPrintStream(console, copier));
        choiceField.set(config, copying);
        return new ConsoleCopy(() -> {
            try {
                if (choiceField.get(config) == copying) {
                    choiceField.set(config, choice);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
