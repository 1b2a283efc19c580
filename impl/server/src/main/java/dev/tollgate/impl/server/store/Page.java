package dev.tollgate.impl.server.store;

import java.util.List;
import java.util.function.Function;

/** One page of results, with the total across all pages. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public long totalPages() {
        return pageCount(total, size);
    }

    /** How many pages of {@code size} hold {@code total} rows: the last page's number, 0 when there are none. */
    public static long pageCount(long total, int size) {
        return (total + size - 1) / size;
    }

    public boolean hasNext() {
        return (long) page * size < total;
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), page, size, total);
    }
}
