package dev.tollgate.impl.gate;

import java.util.Objects;
import java.util.function.Supplier;

/** A value computed once, on first use, by whichever thread gets there first. */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> compute;
    private volatile T value;

    Lazy(Supplier<T> compute) {
        this.compute = Objects.requireNonNull(compute, "compute");
    }

    @Override
    public T get() {
        T result = value;
        if (result == null) {
            synchronized (this) {
                result = value;
                if (result == null) {
                    result = Objects.requireNonNull(compute.get(), "lazy value");
                    value = result;
                }
            }
        }
        return result;
    }
}
