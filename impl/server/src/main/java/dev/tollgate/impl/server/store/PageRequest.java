package dev.tollgate.impl.server.store;

/**
 * One page of a listing: {@code page} counts from 1, {@code size} is 1 to {@value #MAX_SIZE} (the conventions of
 * the Releval and Rapidly APIs: {@code page} defaults to 1, {@code pageSize} to 10, at most 100).
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 10;
    public static final int MAX_SIZE = 100;

    public PageRequest {
        if (page < 1) {
            throw new IllegalArgumentException("page counts from 1");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
    }

    public static PageRequest first() {
        return new PageRequest(1, DEFAULT_SIZE);
    }

    /** Rows to skip. */
    public long offset() {
        return (long) (page - 1) * size;
    }
}
