package dev.tollgate.impl.gate;

import java.util.List;
import java.util.Objects;

/** The credentials a request carries, as {@link CredentialExtractor} finds them. No variant prints a secret. */
public sealed interface Credentials {

    /** No credentials of ours (possibly another scheme, such as Basic, that the application may handle). */
    record None() implements Credentials {
    }

    /** An RFC 6750 Bearer token. */
    record Bearer(String token) implements Credentials {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Bearer[****]";
        }
    }

    /**
     * An RFC 9449 §7.1 DPoP-bound token, {@code Authorization: DPoP <token>}, with every {@code DPoP} header's value
     * (the proof; §4.3 point 1: exactly one is allowed, which the verifier checks, so that it can say why).
     */
    record Dpop(String token, List<String> proofs) implements Credentials {
        public Dpop {
            Objects.requireNonNull(token, "token");
            proofs = List.copyOf(proofs);
        }

        @Override
        public String toString() {
            return "DPoP[****, " + proofs.size() + " proof(s)]";
        }
    }

    /** The plain headers: an email and a password. */
    record PlainHeaders(String email, String password) implements Credentials {
        public PlainHeaders {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "PlainHeaders[email=" + email + ", password=****]";
        }
    }

    /**
     * Credentials that cannot be read: a 400.
     *
     * @param reason what is wrong, safe to show the client (it never quotes the credentials)
     */
    record Malformed(String reason) implements Credentials {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
