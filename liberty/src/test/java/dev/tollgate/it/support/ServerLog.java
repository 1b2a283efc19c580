package dev.tollgate.it.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the IT server wrote to {@code logs/messages.log} since a point in time: for tests that must leave no error,
 * warning with a stack trace, or FFDC incident behind.
 */
public final class ServerLog {

    /** A Liberty log line of level E (SEVERE, ERROR) or F (FATAL): {@code [date] thread logger E message}. */
    private static final Pattern ERROR_LINE = Pattern.compile("^\\[[^\\]]+\\] \\S+ \\S+\\s+[EF] .*");
    /** A Java stack frame or cause, as the log prints a Throwable. */
    private static final Pattern STACK_LINE = Pattern.compile("^(\\s+at \\S+\\(.*\\)|Caused by: .*)");
    private static final Pattern FFDC = Pattern.compile(".*FFDC1015I.*");

    private final Path file;
    private final long start;

    private ServerLog(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    /** From now on. */
    public static ServerLog mark() {
        Path file = LibertyServer.serverDir().resolve("logs").resolve("messages.log");
        try {
            return new ServerLog(file, Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The lines written since the mark that are an error, a stack trace or an FFDC incident; empty when there are
     * none. Waits a moment first: Liberty writes its log from a buffer.
     */
    public List<String> problems() {
        settle();
        return written().lines()
                .filter(line -> ERROR_LINE.matcher(line).matches() || STACK_LINE.matcher(line).matches()
                        || FFDC.matcher(line).matches())
                .map(line -> line.length() > 300 ? line.substring(0, 300) + "…" : line)
                .toList();
    }

    /** Whether anything written since the mark contains {@code text}: a value that must never be logged. */
    public boolean mentions(String text) {
        settle();
        return written().contains(text);
    }

    private String written() {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long length = log.length();
            if (length < start) {
                throw new IllegalStateException("messages.log was rolled over during the test");
            }
            byte[] bytes = new byte[Math.toIntExact(length - start)];
            log.seek(start);
            log.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Until the log has not grown for half a second (at most five seconds). */
    private void settle() {
        try {
            long size = -1;
            for (int i = 0; i < 10 && Files.size(file) != size; i++) {
                size = Files.size(file);
                Thread.sleep(500);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
