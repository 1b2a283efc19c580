package dev.tollgate.war.admin;

import dev.tollgate.war.Pagination;
import java.util.List;

/** The body of {@code GET /api/admin/events}: one page of events, newest first, and where it sits in the whole. */
public record EventPage(List<EventView> items, Pagination pagination) {
}
