package dev.tollgate.impl.gate;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A supplier that computes its value once, on first use, by whichever thread gets there first, and then always
 * returns that value. The gate's SPI lookups use it: CDI beans exist only once the application has started.
 */
final class MemoizedSupplier<T> implements Supplier<T> {

    private final Supplier<T> compute;
    private volatile T value;

    MemoizedSupplier(Supplier<T> compute) {
        this.compute = Objects.requireNonNull(compute, "compute");
    }

    @Override
    public T get() {
        T result = value;
        if (result == null) {
            synchronized (this) {
                result = value;
                if (result == null) {
                    result = Objects.requireNonNull(compute.get(), "memoized value");
                    value = result;
                }
            }
        }
        return result;
    }
}
