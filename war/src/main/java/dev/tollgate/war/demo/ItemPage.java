package dev.tollgate.war.demo;

import dev.tollgate.war.Pagination;
import java.util.List;

/**
 * The body of {@code GET /api/items}: one page of items and where it sits in the whole.
 *
 * @param items the page's items, by id; empty past the last page
 */
public record ItemPage(List<Item> items, Pagination pagination) {
}
