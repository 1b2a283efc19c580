/**
 * What every verifier of the gate shares, below them all: the outcome of a check ({@link
 * dev.tollgate.impl.verification.VerificationResult}) and the mapping of verified claims to a {@code Caller} ({@link
 * dev.tollgate.impl.verification.CallerMapper}). The JWT verifier ({@code jwt}), the introspection verifier ({@code
 * introspect}) and the filter ({@code gate}) depend on this package; it depends on none of them.
 */
package dev.tollgate.impl.verification;
