package dev.tollgate.impl.verification;

import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemType;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What checking a request's credentials came to. Every normal outcome, good or bad, is a value, not an exception.
 */
public sealed interface VerificationResult {

    /**
     * The credentials are good.
     *
     * @param tokenId the token's {@code jti}, for the revocation check; null when there is none
     * @param boundKeyThumbprint the token's {@code cnf.jkt} (RFC 9449 §6): the JWK SHA-256 thumbprint of the key it is
     *     bound to; null for a token bound to no key
     */
    record Success(Caller caller, String tokenId, String boundKeyThumbprint) implements VerificationResult {
        public Success {
            Objects.requireNonNull(caller, "caller");
        }

        /** An unbound token's success. */
        public Success(Caller caller, String tokenId) {
            this(caller, tokenId, null);
        }

        /** Whether the token is DPoP-bound ({@code cnf.jkt}), so that it may be used only with a proof. */
        public boolean isKeyBound() {
            return boundKeyThumbprint != null;
        }

        /**
         * The {@code cnf.jkt} of a token's claims (RFC 9449 §6.1) or introspection answer (§6.2); empty when there is
         * none, or when it is not a non-empty string ({@link #hasMalformedBinding} says which).
         */
        public static Optional<String> boundKeyThumbprint(Map<String, Object> claims) {
            return claims.get("cnf") instanceof Map<?, ?> cnf && cnf.get("jkt") instanceof String jkt && !jkt.isEmpty()
                    ? Optional.of(jkt) : Optional.empty();
        }

        /**
         * Whether the claims bind the token in a way it cannot be used: a {@code cnf} that is not an object, or a
         * {@code jkt} that is not a non-empty string. Such a token is refused rather than taken as unbound.
         */
        public static boolean hasMalformedBinding(Map<String, Object> claims) {
            Object cnf = claims.get("cnf");
            if (cnf == null) {
                return false;
            }
            if (!(cnf instanceof Map<?, ?> members)) {
                return true;
            }
            return members.containsKey("jkt") && boundKeyThumbprint(claims).isEmpty();
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

        /** A token whose {@code cnf} or {@code cnf.jkt} (RFC 9449 §6) is not what it must be: a claims problem. */
        public static final Failure MALFORMED_BINDING = new Failure(ProblemType.TOKEN_CLAIMS,
                "The access token's cnf claim is not a valid key confirmation");

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
                case TOKEN_DPOP_BOUND -> "The access token is DPoP-bound: send it with the DPoP scheme and a proof";
                case TOKEN_NOT_DPOP_BOUND -> "The access token is not DPoP-bound: send it with the Bearer scheme";
                case DPOP_REQUIRED -> "Only DPoP-bound access tokens are accepted here";
                case DPOP_KEY_BINDING -> "The DPoP proof's key is not the one the access token is bound to";
                case DPOP_PROOF_MISSING -> "The DPoP scheme requires a DPoP proof header";
                case DPOP_PROOF_MULTIPLE -> "The request carries more than one DPoP header";
                case DPOP_PROOF_TOO_LARGE -> "The DPoP proof is too large";
                case DPOP_PROOF_MALFORMED -> "The DPoP proof is malformed or lacks a required claim";
                case DPOP_PROOF_TYPE -> "The DPoP proof's typ is not dpop+jwt";
                case DPOP_PROOF_ALGORITHM -> "The DPoP proof's signature algorithm is not accepted";
                case DPOP_PROOF_KEY -> "The DPoP proof's jwk is missing, private, or unfit for its algorithm";
                case DPOP_PROOF_SIGNATURE -> "The DPoP proof's signature is invalid";
                case DPOP_PROOF_METHOD -> "The DPoP proof's htm is not the request method";
                case DPOP_PROOF_URI -> "The DPoP proof's htu is not the request URI";
                case DPOP_PROOF_STALE -> "The DPoP proof's iat is too old";
                case DPOP_PROOF_FUTURE -> "The DPoP proof's iat is in the future";
                case DPOP_PROOF_TOKEN_HASH -> "The DPoP proof's ath is not the hash of the access token";
                case DPOP_PROOF_REPLAYED -> "The DPoP proof was used before";
                case DPOP_NONCE -> "Resource server requires nonce in DPoP proof";
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
