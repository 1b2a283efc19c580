package dev.tollgate.impl.verification;

import java.util.List;

/**
 * Where a token's roles and scopes are: the claim paths of {@code roles-claims} and {@code scopes-claims}, with
 * {@code {client}} already replaced by the configured client id.
 *
 * <p>Scopes are not roles: by default a scope named {@code admin} does not satisfy {@code isUserInRole("admin")}.
 * Adding {@code scope} to the roles paths brings back the old behaviour, for applications that depend on it.
 *
 * @param roles where the roles are; their names are merged
 * @param scopes where the scopes are (RFC 6749 §3.3 {@code scope}, RFC 9068 §2.2.3); their names are merged
 */
public record ClaimMapping(List<ClaimPath> roles, List<ClaimPath> scopes) {

    /** {@code roles-claims} by default: {@code roles} (RFC 9068 §2.2.3.1, Entra ID) and {@code groups} (Okta). */
    public static final List<String> DEFAULT_ROLES = List.of("roles", "groups");

    /** {@code scopes-claims} by default: {@code scope} (RFC 9068 §2.2.3), else {@code scp} (Entra ID, Okta). */
    public static final List<String> DEFAULT_SCOPES = List.of("scope", "scp");

    public ClaimMapping {
        roles = List.copyOf(roles);
        scopes = List.copyOf(scopes);
    }

    /** The defaults: roles from {@code roles} and {@code groups}, scopes from {@code scope} and {@code scp}. */
    public static ClaimMapping defaults() {
        return new ClaimMapping(DEFAULT_ROLES.stream().map(ClaimPath::parse).toList(),
                DEFAULT_SCOPES.stream().map(ClaimPath::parse).toList());
    }
}
