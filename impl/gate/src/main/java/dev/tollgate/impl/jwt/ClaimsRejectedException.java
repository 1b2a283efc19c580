package dev.tollgate.impl.jwt;

import com.nimbusds.jwt.proc.BadJWTException;
import dev.tollgate.api.error.ProblemType;

/**
 * A JWT whose signature is good but whose claims the policy refuses. One subclass per reason, so the gate maps a
 * failure to its problem type by type, never by message text. Messages are fixed strings that are safe to log.
 */
public abstract sealed class ClaimsRejectedException extends BadJWTException {

    private ClaimsRejectedException(String message) {
        super(message);
    }

    /** The reason, as the gate reports it. */
    public abstract ProblemType problemType();

    /** {@code exp} is at or before now, allowing for the clock skew. */
    public static final class Expired extends ClaimsRejectedException {
        public Expired() {
            super("token expired");
        }

        @Override
        public ProblemType problemType() {
            return ProblemType.TOKEN_EXPIRED;
        }
    }

    /** {@code nbf} is in the future, or {@code iat} is further in the future than the clock skew allows. */
    public static final class NotYetValid extends ClaimsRejectedException {
        public NotYetValid(String claim) {
            super("token not yet valid (" + claim + ")");
        }

        @Override
        public ProblemType problemType() {
            return ProblemType.TOKEN_NOT_YET_VALID;
        }
    }

    /** {@code iss} is missing or not the configured issuer. */
    public static final class WrongIssuer extends ClaimsRejectedException {
        public WrongIssuer() {
            super("unexpected issuer");
        }

        @Override
        public ProblemType problemType() {
            return ProblemType.TOKEN_ISSUER;
        }
    }

    /** {@code aud} is missing or names none of the accepted audiences. */
    public static final class WrongAudience extends ClaimsRejectedException {
        public WrongAudience() {
            super("unexpected audience");
        }

        @Override
        public ProblemType problemType() {
            return ProblemType.TOKEN_AUDIENCE;
        }
    }

    /** A claim the gate requires ({@code sub}, {@code exp}) is missing or empty. */
    public static final class MissingClaim extends ClaimsRejectedException {
        private final String claim;

        public MissingClaim(String claim) {
            super("missing claim " + claim);
            this.claim = claim;
        }

        /** The missing claim's name. */
        public String claim() {
            return claim;
        }

        @Override
        public ProblemType problemType() {
            return ProblemType.TOKEN_CLAIMS;
        }
    }
}
