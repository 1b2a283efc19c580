package dev.tollgate.impl.server.secret;

import java.util.Objects;

/**
 * A client secret as the {@code clients} table keeps it, in one of two forms that the column value tells apart:
 * <ul>
 *   <li>{@link SecretHash}: the SHA-256 of a server-generated 256-bit secret (64 hex digits). Nobody can guess such
 *       a value, so a fast hash is enough (DESIGN.md, "Data").</li>
 *   <li>{@link SaltedSecretHash}: a declared client's secret, chosen by an operator, and so perhaps guessable: a
 *       salted, slow hash ({@code pbkdf2-sha256$...}).</li>
 * </ul>
 * A declared client stored before the salted form (its SHA-256 only) still authenticates, and is salted at the next
 * start, when the declaration is upserted again.
 */
public sealed interface StoredSecret permits SecretHash, SaltedSecretHash {

    /** The column value. */
    String stored();

    /** Reads a column value in either form. @throws IllegalArgumentException when it is neither */
    static StoredSecret parse(String stored) {
        Objects.requireNonNull(stored, "stored");
        return SaltedSecretHash.isSalted(stored) ? SaltedSecretHash.parse(stored) : SecretHash.parse(stored);
    }
}
