package dev.tollgate.impl.client;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, from an API's answer, whether it rejected the access token itself — the one case where a new token
 * and one replay can help. A pure function of the status and the headers, shared by the JAX-RS filter and
 * {@link AuthorizedHttpClient}.
 *
 * <ul>
 *   <li>401 with a {@code WWW-Authenticate} challenge whose {@code error} is {@code invalid_token}
 *       (RFC 6750 §3.1; scheme and parameter names are case-insensitive, RFC 9110 §11.2);</li>
 *   <li>401 with {@code X-API-Expired: true} or {@code X-API-Revoked: true} (the RIPS headers).</li>
 * </ul>
 * A 401 without one of these signals (no credentials accepted at all, say) is not a token problem.
 */
public final class TokenRejection {

    private static final Pattern ERROR_PARAM =
            Pattern.compile("(?:^|[\\s,])error\\s*=\\s*(?:\"([^\"]*)\"|([^\\s,]+))", Pattern.CASE_INSENSITIVE);

    private TokenRejection() {
    }

    /**
     * @param status the HTTP status
     * @param headers every value of a header, by case-insensitive name (empty list when absent)
     */
    public static boolean tokenRejected(int status, Function<String, List<String>> headers) {
        if (status != 401) {
            return false;
        }
        if (isTrue(headers.apply("X-API-Expired")) || isTrue(headers.apply("X-API-Revoked"))) {
            return true;
        }
        for (String challenge : headers.apply("WWW-Authenticate")) {
            Matcher m = ERROR_PARAM.matcher(challenge);
            while (m.find()) {
                String value = m.group(1) != null ? m.group(1) : m.group(2);
                if (value.equals("invalid_token")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isTrue(List<String> values) {
        for (String v : values) {
            if (v.trim().toLowerCase(Locale.ROOT).equals("true")) {
                return true;
            }
        }
        return false;
    }
}
