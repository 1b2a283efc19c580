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

    private static final Pattern RESOURCE_METADATA_PARAM = Pattern.compile(
            "(?:^|[\\s,])resource_metadata\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,]+))",
            Pattern.CASE_INSENSITIVE);

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

    /**
     * RFC 9449 §9: a resource server's 401 that asks for a DPoP nonce: a challenge with
     * {@code error="use_dpop_nonce"} and a {@code DPoP-Nonce} header to use. Not a token rejection: the token stays.
     */
    public static boolean nonceRequested(int status, Function<String, List<String>> headers) {
        if (status != 401 || headers.apply(DpopProofs.NONCE_HEADER).isEmpty()) {
            return false;
        }
        for (String challenge : headers.apply("WWW-Authenticate")) {
            Matcher m = ERROR_PARAM.matcher(challenge);
            while (m.find()) {
                String value = m.group(1) != null ? m.group(1) : m.group(2);
                if (value.equals("use_dpop_nonce")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** RFC 9728 §5.1: the {@code resource_metadata} parameter of a 401's challenge, if there is one. */
    public static java.util.Optional<String> resourceMetadata(int status, Function<String, List<String>> headers) {
        if (status != 401) {
            return java.util.Optional.empty();
        }
        for (String challenge : headers.apply("WWW-Authenticate")) {
            Matcher m = RESOURCE_METADATA_PARAM.matcher(challenge);
            if (m.find()) {
                return java.util.Optional.of(m.group(1) != null ? m.group(1).replace("\\\"", "\"")
                        : m.group(2));
            }
        }
        return java.util.Optional.empty();
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
