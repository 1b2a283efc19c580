/**
 * The OAuth 2.0 protocol messages that the token client, the authorization server and the server's OpenAPI
 * document share: one immutable type per message, each with a {@code parse} that tolerates unknown members and
 * names the member it cannot read, and a way back to the wire ({@code toJson}).
 *
 * <ul>
 *   <li>{@link dev.tollgate.impl.protocol.GrantType} and {@link dev.tollgate.impl.protocol.ClientAuthMethod}:
 *       the registered {@code grant_type} and {@code token_endpoint_auth_method} values;</li>
 *   <li>{@link dev.tollgate.impl.protocol.TokenResponse}: RFC 6749 §5.1;</li>
 *   <li>{@link dev.tollgate.impl.protocol.ErrorResponse}: RFC 6749 §5.2;</li>
 *   <li>{@link dev.tollgate.impl.protocol.ServerMetadata}: RFC 8414 §2 (with the OpenID Connect Discovery
 *       members).</li>
 * </ul>
 *
 * <p>These are ours rather than the Nimbus OAuth 2.0 SDK's: the SDK would add six jars and about 1.2 MB to the
 * token client's bundle (the SDK itself, {@code json-smart} with {@code accessors-smart} and {@code asm},
 * {@code content-type}, {@code lang-tag}), for the handful of messages used here. The SDK stays in the tests, as an
 * independent reader of what these types write. JSON goes through Nimbus JOSE+JWT's {@code JSONObjectUtils}, which
 * every product already carries, so that nothing here needs JSON-P or JSON-B and the client and the gate run in a
 * plain Servlet container. The MicroProfile OpenAPI annotations are read by the server's document only; elsewhere
 * their classes are absent and the JVM ignores them.
 */
package dev.tollgate.impl.protocol;
