package dev.tollgate.war.demo;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * The body of {@code GET /api/items}: one page of items and where it sits in the whole.
 *
 * @param items the page's items, by id; empty past the last page
 */
public record ItemPage(List<Item> items, Pagination pagination) {

    /**
     * @param totalCount every item there is
     * @param maxPage the last page that has items at this page size; 0 when there are no items
     */
    public record Pagination(@JsonbProperty("total_count") long totalCount, @JsonbProperty("max_page") long maxPage) {
    }
}
