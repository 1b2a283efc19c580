package dev.tollgate.impl.server.admin;

import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.server.store.Page;
import dev.tollgate.impl.server.store.PageRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code page} and {@code size} query parameters of a listing (Rapidly's and Releval's conventions): {@code page}
 * counts from 1 (default 1), {@code size} is 1 to {@value PageRequest#MAX_SIZE} (default
 * {@value PageRequest#DEFAULT_SIZE}). A value out of range or not a number is a 400 {@code validation} problem whose
 * {@code errors} names the parameter: never a silent clamp.
 */
public final class PageParameters {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    private PageParameters() {
    }

    /** @param page the raw parameter, null when absent; likewise {@code size} */
    public static PageRequest parse(String page, String size) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        int pageNumber = number(page, 1);
        int pageSize = number(size, PageRequest.DEFAULT_SIZE);
        if (pageNumber < 1) {
            errors.put("page", List.of("must be a whole number of at least 1"));
        }
        if (pageSize < 1 || pageSize > PageRequest.MAX_SIZE) {
            errors.put("size", List.of("must be a whole number from 1 to " + PageRequest.MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The paging parameters are out of range.", errors);
        }
        return new PageRequest(pageNumber, pageSize);
    }

    /** The value, its default when absent, or -1 when it is not a plain number (the caller reports it). */
    private static int number(String raw, int defaultValue) {
        if (raw == null) {
            return defaultValue;
        }
        String value = raw.trim();
        return NUMBER.matcher(value).matches() ? Integer.parseInt(value) : -1;
    }

    /** {@code {"total_count", "max_page"}} of a page: max_page is 0 when there is nothing. */
    public static Map<String, Object> pagination(Page<?> page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total_count", page.total());
        json.put("max_page", page.totalPages());
        return json;
    }
}
