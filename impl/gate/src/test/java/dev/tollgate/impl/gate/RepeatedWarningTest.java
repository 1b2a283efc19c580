package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class RepeatedWarningTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneWarningPerIntervalCountingThoseLeftOut() {
        Logger logger = Logger.getLogger(RepeatedWarningTest.class.getName() + ".counting");
        List<LogRecord> records = capture(logger);
        AtomicLong now = new AtomicLong(-7 * SECOND); // nanoTime may be negative
        RepeatedWarning warning = new RepeatedWarning(logger, Duration.ofSeconds(60), now::get);

        warning.log(() -> "database down");
        now.addAndGet(SECOND);
        warning.log(() -> "database down");
        now.addAndGet(58 * SECOND);
        warning.log(() -> "database down");
        now.addAndGet(SECOND);
        warning.log(() -> "database down");

        List<LogRecord> warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(2, warnings.size());
        assertEquals("database down", warnings.get(0).getMessage());
        assertTrue(warnings.get(1).getMessage().startsWith("database down (2 more like it"),
                warnings.get(1).getMessage());
        assertEquals(2, records.stream().filter(r -> r.getLevel() == Level.FINE).count());
    }

    @Test
    void leftOutOnesAreCountedFromTheLastWarning() {
        RepeatedWarning warning = new RepeatedWarning(Logger.getAnonymousLogger(), Duration.ofSeconds(1),
                System::nanoTime);

        assertEquals(0, warning.warnNow(5 * SECOND));
        assertEquals(-1, warning.warnNow(5 * SECOND + 1));
        assertEquals(-1, warning.warnNow(6 * SECOND - 1));
        assertEquals(2, warning.warnNow(6 * SECOND));
        assertEquals(0, warning.warnNow(9 * SECOND));
    }

    private static List<LogRecord> capture(Logger logger) {
        List<LogRecord> records = new ArrayList<>();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
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
        });
        return records;
    }
}
