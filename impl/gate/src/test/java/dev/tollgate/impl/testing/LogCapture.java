package dev.tollgate.impl.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures everything Tollgate logs (every level, down to FINEST), formatted as a log file would show it, thrown
 * exceptions and their stack traces included: what a test must not find a secret in.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.tollgate");
    private final Level previousLevel = logger.getLevel();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogCapture() {
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Each record as the log file shows it (SimpleFormatter prints a thrown exception's stack trace too). */
    public List<String> lines() {
        return records.stream().map(formatter::format).toList();
    }

    public String all() {
        return String.join("", lines());
    }

    /** Whether a record of exactly {@code level} has {@code fragment} in its message. */
    public boolean has(Level level, String fragment) {
        return records.stream().anyMatch(r -> r.getLevel().equals(level)
                && formatter.formatMessage(r).contains(fragment));
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }
}
