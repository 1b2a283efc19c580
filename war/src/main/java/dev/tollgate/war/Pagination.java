package dev.tollgate.war;

import dev.tollgate.impl.server.store.Page;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Where a page sits in a paginated listing (the Rapidly and Releval conventions): {@code {"total_count", "max_page"}}.
 *
 * @param totalCount every row there is
 * @param maxPage    the last page that has rows at this page size; 0 when there are none
 */
public record Pagination(@JsonbProperty("total_count") long totalCount, @JsonbProperty("max_page") long maxPage) {

    public static Pagination of(long totalCount, int pageSize) {
        return new Pagination(totalCount, Page.pageCount(totalCount, pageSize));
    }

    public static Pagination of(Page<?> page) {
        return new Pagination(page.total(), page.totalPages());
    }
}
