package dev.tollgate.impl.gate;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** Read access to request headers, so that credential extraction is a pure function and testable with lambdas. */
@FunctionalInterface
public interface Headers {

    /** Every value of the header (name matched case-insensitively), one per header field, in order; never null. */
    List<String> all(String name);

    static Headers of(HttpServletRequest request) {
        return name -> {
            Enumeration<String> values = request.getHeaders(name);
            return values == null ? List.of() : Collections.list(values);
        };
    }
}
