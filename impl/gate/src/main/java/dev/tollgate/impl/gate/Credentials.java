package dev.tollgate.impl.gate;

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
