package dev.tollgate.impl.verification;

import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemType;
import java.util.Objects;

/**
 * What checking a request's credentials came to. Every normal outcome, good or bad, is a value, not an exception.
 */
public sealed interface VerificationResult {

    /**
     * The credentials are good.
     *
     * @param tokenId the token's {@code jti}, for the revocation check; null when there is none
     */
    record Success(Caller caller, String tokenId) implements VerificationResult {
        public Success {
            Objects.requireNonNull(caller, "caller");
        }

        public static Success of(Caller caller) {
            return new Success(caller, null);
        }
    }

    /**
     * The credentials are missing or bad.
     *
     * @param description why, safe to show the client: a fixed text, never a token, a secret or an exception message
     */
    record Failure(ProblemType problem, String description) implements VerificationResult {
        public Failure {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(description, "description");
        }

        /**
         * A token without a claim the gate requires ({@code sub}, {@code exp}): {@link ProblemType#TOKEN_CLAIMS},
         * with the claim's name in the description, so that the client and the problem detail say what is missing.
         *
         * @param claim a claim name the gate requires: fixed text of ours, never a value from the token
         */
        public static Failure missingClaim(String claim) {
            return new Failure(ProblemType.TOKEN_CLAIMS, "The access token lacks the required claim \"" + claim
                    + "\"");
        }

        /** A failure with the standard description of its reason. */
        public static Failure of(ProblemType problem) {
            return new Failure(problem, describe(problem));
        }

        private static String describe(ProblemType problem) {
            return switch (problem) {
                case MISSING_CREDENTIALS -> "The request carries no credentials";
                case MALFORMED_REQUEST -> "The credentials in the request are malformed";
                case TOKEN_MALFORMED -> "The access token is malformed";
                case TOKEN_TOO_LARGE -> "The access token is too large";
                case TOKEN_ALGORITHM -> "The access token's signature algorithm is not accepted";
                case TOKEN_SIGNATURE -> "The access token's signature is invalid";
                case TOKEN_UNKNOWN_KEY -> "The access token is signed with an unknown key";
                case TOKEN_ISSUER -> "The access token is from an unexpected issuer";
                case TOKEN_AUDIENCE -> "The access token is meant for another audience";
                case TOKEN_TYPE -> "The access token is of the wrong type";
                case TOKEN_CLAIMS -> "The access token lacks required claims";
                case TOKEN_EXPIRED -> "The access token expired";
                case TOKEN_NOT_YET_VALID -> "The access token is not valid yet";
                case TOKEN_REVOKED -> "The access token was revoked";
                case TOKEN_INACTIVE -> "The access token is not active";
                case INVALID_CREDENTIALS -> "The credentials are not valid";
                default -> problem.title();
            };
        }
    }

    /** Too many failed attempts for this account: try again after {@code retryAfterSeconds}. */
    record Throttled(long retryAfterSeconds) implements VerificationResult {
    }

    /**
     * The credentials could not be checked right now (the key source or introspection endpoint is unreachable):
     * try again after {@code retryAfterSeconds}.
     */
    record Unavailable(long retryAfterSeconds) implements VerificationResult {
    }
}
