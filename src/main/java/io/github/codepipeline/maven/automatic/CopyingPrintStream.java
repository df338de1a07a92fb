package io.github.codepipeline.maven.automatic;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Stands where Maven 3's logger writes (its cached console stream) and passes every call on to that stream
 * unchanged — the same method with the same arguments, so the same bytes in the same encoding — then hands
 * each whole line the logger printed ({@code println(String)}, one per log call) to a copier. The copier runs
 * after the console has the line and its failures never reach the logger.
 */
final class CopyingPrintStream extends PrintStream {
    private final PrintStream console;
    private final Consumer<String> copier;

    CopyingPrintStream(PrintStream console, Consumer<String> copier) {
        super(console, false);
        this.console = console;
        this.copier = copier;
    }

    PrintStream console() {
        return console;
    }

    private void copy(String line) {
        try {
            copier.accept(line);
        } catch (RuntimeException | Error e) {
            // The copy is a nicety: the console line has been printed, and that is what matters.
        }
    }

    @Override
    public void println(String x) {
        console.println(x);
        copy(x);
    }

    @Override
    public void flush() {
        console.flush();
    }

    @Override
    public void close() {
        console.close();
    }

    @Override
    public boolean checkError() {
        return console.checkError();
    }

    @Override
    public void write(int b) {
        console.write(b);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        console.write(buf, off, len);
    }

    @Override
    public void write(byte[] b) throws IOException {
        console.write(b);
    }

    @Override
    public void print(boolean b) {
        console.print(b);
    }

    @Override
    public void print(char c) {
        console.print(c);
    }

    @Override
    public void print(int i) {
        console.print(i);
    }

    @Override
    public void print(long l) {
        console.print(l);
    }

    @Override
    public void print(float f) {
        console.print(f);
    }

    @Override
    public void print(double d) {
        console.print(d);
    }

    @Override
    public void print(char[] s) {
        console.print(s);
    }

    @Override
    public void print(String s) {
        console.print(s);
    }

    @Override
    public void print(Object obj) {
        console.print(obj);
    }

    @Override
    public void println() {
        console.println();
    }

    @Override
    public void println(boolean x) {
        console.println(x);
    }

    @Override
    public void println(char x) {
        console.println(x);
    }

    @Override
    public void println(int x) {
        console.println(x);
    }

    @Override
    public void println(long x) {
        console.println(x);
    }

    @Override
    public void println(float x) {
        console.println(x);
    }

    @Override
    public void println(double x) {
        console.println(x);
    }

    @Override
    public void println(char[] x) {
        console.println(x);
    }

    @Override
    public void println(Object x) {
        console.println(x);
    }

    @Override
    public PrintStream printf(String format, Object... args) {
        console.printf(format, args);
        return this;
    }

    @Override
    public PrintStream printf(Locale l, String format, Object... args) {
        console.printf(l, format, args);
        return this;
    }

    @Override
    public PrintStream format(String format, Object... args) {
        console.format(format, args);
        return this;
    }

    @Override
    public PrintStream format(Locale l, String format, Object... args) {
        console.format(l, format, args);
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq) {
        console.append(csq);
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq, int start, int end) {
        console.append(csq, start, end);
        return this;
    }

    @Override
    public PrintStream append(char c) {
        console.append(c);
        return this;
    }
}
