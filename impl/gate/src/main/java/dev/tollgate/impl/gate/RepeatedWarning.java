package dev.tollgate.impl.gate;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A warning that would repeat with every request while a dependency is down (the database, a key source): logged at
 * WARNING at most once per interval, saying how many were left out since; the others go at FINE. One line a minute
 * says as much as thousands, and an outage under load does not flood the log. Thread-safe, lock-free.
 */
public final class RepeatedWarning {

    private final Logger logger;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong nextWarningAt = new AtomicLong();
    private final AtomicLong leftOut = new AtomicLong();
    private volatile boolean warnedOnce;

    public RepeatedWarning(Logger logger, Duration interval) {
        this(logger, interval, System::nanoTime);
    }

    RepeatedWarning(Logger logger, Duration interval, LongSupplier nanoTime) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.intervalNanos = interval.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Logs {@code line} at WARNING if the interval since the last warning has passed, else at FINE. */
    public void log(Supplier<String> line) {
        long left = warnNow(nanoTime.getAsLong());
        if (left >= 0) {
            logger.warning(line.get() + (left > 0 ? " (" + left + " more like it since the last such line)" : ""));
        } else {
            logger.fine(line);
        }
    }

    /** @return -1 when this one is left out; otherwise the number left out since the last warning */
    long warnNow(long now) {
        long next = nextWarningAt.get();
        if ((!warnedOnce || now - next >= 0) && nextWarningAt.compareAndSet(next, now + intervalNanos)) {
            warnedOnce = true;
            return leftOut.getAndSet(0);
        }
        leftOut.incrementAndGet();
        return -1;
    }
}
