package dev.tollgate.war.admin;

import dev.tollgate.war.Pagination;
import java.util.List;

/** The body of {@code GET /api/admin/users}: one page of users, oldest first, and where it sits in the whole. */
public record UserPage(List<UserView> items, Pagination pagination) {
}
