/**
 * The OpenAPI 3.1 description of the whole HTTP API, which Liberty's {@code mpOpenAPI-4.1} generates from the
 * annotations at start-up and serves at {@code /openapi} (UI at {@code /openapi/ui}). Nothing is written by hand: no
 * static {@code openapi.yaml}, no model reader or filter. {@code OpenApiIT} finds every JAX-RS resource method of this
 * WAR by reflection and fails when one is missing from the document or documents an error without its format.
 *
 * <h2>What lives here</h2>
 * <ul>
 *   <li>This file: the {@code @OpenAPIDefinition} (Liberty reads it from a {@code package-info} or the
 *       {@code Application} class only) with the info, the tags, the security schemes, the reusable headers
 *       ({@code WWW-Authenticate}, {@code Retry-After}, {@code X-API-Expired}, {@code X-API-Revoked}) and the reusable
 *       error responses.</li>
 *   <li>{@link dev.tollgate.war.openapi.TollgateOpenApi}: constants for the media types and the security scheme
 *       names.</li>
 *   <li>{@link dev.tollgate.war.openapi.ProblemSchema}: a documentation-only record, the schema {@code Problem}
 *       of RFC 9457 bodies. The schema {@code OAuthErrorResponse} of the RFC 6749 §5.2 JSON is the shared message
 *       {@link dev.tollgate.impl.protocol.ErrorResponse} itself.</li>
 * </ul>
 * Shapes that one resource alone uses and builds as a map stay beside it, as documentation-only records
 * ({@code OAuthSchemas}, {@code RegistrationSchemas}, {@code AuthorizeSchemas}). A resource that returns a typed
 * record ({@code CallerView}, {@code ItemPage}) needs none: its schema is generated from the type.
 *
 * <h2>The error responses, by short name</h2>
 * Reference them as {@code @APIResponse(responseCode = "401", ref = "Problem401")}; the name alone expands to
 * {@code #/components/responses/Problem401}. Pick the family by what answers:
 * <ul>
 *   <li>{@code Problem400}, {@code 401}, {@code 403}, {@code 404}, {@code 405}, {@code 406}, {@code 409},
 *       {@code 413}, {@code 415}, {@code 429}, {@code 500}, {@code 503}: RFC 9457
 *       {@code application/problem+json}. Every API outside the OAuth protocol ({@code /api/**}), the gate in front
 *       of any path, and {@code 500} everywhere.</li>
 *   <li>{@code OAuthError400}, {@code 401}, {@code 503}: the RFC 6749 §5.2 JSON ({@code application/json}) of the
 *       protocol endpoints that authenticate clients themselves (token, revoke, introspect). {@code 503} is the
 *       database outage of any {@code /oauth2/...} path ({@code StoreExceptionMapper}).</li>
 *   <li>{@code RegistrationError400}, {@code 401}, {@code 403}: the same JSON with the RFC 7591/7592 codes.</li>
 *   <li>{@code GatedOAuthError400}, {@code 401}, {@code 503}: an {@code /oauth2/...} endpoint behind the gate
 *       (userinfo, registration): the gate answers with a problem, the endpoint with the OAuth
 *       JSON; both media types are listed.</li>
 * </ul>
 * An error that none of them describes gets an inline {@code @APIResponse} with its own description and a
 * {@code content} whose schema is {@code @Schema(ref = "Problem")} or {@code @Schema(ref = "OAuthErrorResponse")}
 * (HTML pages of the login flow: {@code text/html}, as string).
 *
 * <h2>Annotating a resource behind the gate</h2>
 * On the class, the security (Bearer JWT, or both plain headers; OpenAPI reads the list as "one of these sets") and
 * the errors the gate and the mappers may answer on every method; on each method, a summary and its success
 * response, plus the errors of that method:
 * <pre>{@code
 * @Path("/api/admin/users")
 * @RolesAllowed("admin")
 * @Tag(name = "Administration")                       // declare a new tag in @OpenAPIDefinition(tags = ...) below
 * @SecurityRequirementsSet(@SecurityRequirement(name = TollgateOpenApi.BEARER_JWT))
 * @SecurityRequirementsSet({@SecurityRequirement(name = TollgateOpenApi.API_EMAIL),
 *         @SecurityRequirement(name = TollgateOpenApi.API_PASSWORD)})
 * @APIResponse(responseCode = "400", ref = "Problem400")   // gate: malformed credentials; mappers: validation
 * @APIResponse(responseCode = "401", ref = "Problem401")
 * @APIResponse(responseCode = "403", ref = "Problem403")   // only with @RolesAllowed (not "**") or @RequiresScope
 * @APIResponse(responseCode = "429", ref = "Problem429")
 * @APIResponse(responseCode = "500", ref = "Problem500")
 * @APIResponse(responseCode = "503", ref = "Problem503")
 * public class UsersResource {
 *
 *     @POST
 *     @Operation(summary = "Create a user", description = "Role `admin` only. ...")
 *     @APIResponse(responseCode = "201", description = "Created.",
 *             content = @Content(mediaType = TollgateOpenApi.JSON, schema = @Schema(implementation = UserView.class)))
 *     @APIResponse(responseCode = "409", ref = "Problem409")
 *     public Response create(@Valid UserRequest request) { ... }
 * }
 * }</pre>
 * Required roles ({@code @RolesAllowed}) and OAuth scopes ({@code @RequiresScope}) go into the operation's
 * description, not into the security requirement's {@code scopes}: Liberty's validator accepts scopes on OAuth 2.0
 * schemes only (an {@code ERROR} at start otherwise). With {@code @RequiresScope} list only the Bearer set, since
 * plain-header callers have no scopes; with {@code @RolesAllowed("**")} leave {@code 403} off. Nor can a requirement
 * be optional ({@code {}}, also an {@code ERROR}): say so in the description. A method that returns a
 * {@code Response} must state its success content; one that returns a type gets its schema from it, but still
 * declare the success {@code @APIResponse} for its description. A public path (a gate {@code public-paths} entry)
 * has no security annotations and only its own errors and {@code Problem500}.
 *
 * <h2>Things that surprise</h2>
 * <ul>
 *   <li>{@code ref} must be a declared component: Liberty validates the document at start-up and logs
 *       {@code CWWKO1650E} for a dangling one; {@code OpenApiIT} fails on it too.</li>
 *   <li>A method-level {@code @APIResponse} with the same code wins over the class-level one.</li>
 *   <li>{@code Authorization}, {@code Content-Type} and {@code Accept} header parameters are left out of the
 *       document by design (OpenAPI describes them through security and media types).</li>
 *   <li>Two Java methods on one path and HTTP method (e.g. a form and a JSON {@code POST}) become one operation:
 *       annotate one of them with the operation's documentation and both request media types.</li>
 * </ul>
 */
@OpenAPIDefinition(
        info = @Info(title = "Tollgate", version = "0.1.0",
                summary = "OAuth 2.0 authorization server and a demo API behind the Tollgate gate",
                description = """
                        The authorization server's OAuth 2.0 protocol endpoints (RFC 6749, 7009, 7662, 7591/7592, \
                        8414, OpenID Connect discovery and userinfo), the browser pages of the authorization code \
                        flow, and the demo API that the gate protects.

                        **Errors.** The OAuth protocol endpoints answer with the RFC 6749 §5.2 JSON \
                        (`OAuthErrorResponse`, `application/json`); everything else with an RFC 9457 problem \
                        (`Problem`, `application/problem+json`) whose `type` names the reason. Endpoints behind the \
                        gate may also get the gate's problems (400, 401, 429, 503) before the endpoint runs. Every \
                        error answer carries `Cache-Control: no-store`."""),
        tags = {
                @Tag(name = "OAuth 2.0",
                        description = "Token, revocation, introspection, userinfo, keys and discovery."),
                @Tag(name = "Authorization code flow", description = """
                        The authorization endpoint and the login and consent pages it leads a browser through \
                        (HTML; JSON for single-page clients that ask for it)."""),
                @Tag(name = "Client registration", description = """
                        Dynamic client registration (RFC 7591), client management (RFC 7592) and the caller's \
                        clients."""),
                @Tag(name = "Users", description = """
                        The admin API for user accounts: create, list, read, disable, enable, reset a password. \
                        Role `admin` only."""),
                @Tag(name = "Service clients", description = """
                        Confidential `client_credentials` clients that a user creates for their programs (Ryvn's \
                        service users), with secret rotation."""),
                @Tag(name = "Audit", description = """
                        The audit trail: security events (sign-ins, lockouts, token reuse, changes to users, clients, \
                        consents and signing keys), newest first. Role `admin` only."""),
                @Tag(name = "Authorized applications", description = """
                        The applications the calling user has authorized on the consent page (remembered consents), \
                        and their revocation, which also ends the refresh tokens the user holds for them."""),
                @Tag(name = "Demo API", description = "A small API behind the gate, to show and test it end to end.")
        },
        components = @Components(
                securitySchemes = {
                        @SecurityScheme(securitySchemeName = TollgateOpenApi.BEARER_JWT, type = SecuritySchemeType.HTTP,
                                scheme = "bearer", bearerFormat = "JWT", description = """
                                An access token: an RFC 9068 JWT from this server's `/oauth2/token`, or from the \
                                issuer the gate is configured to trust (`tollgate.gate.issuer`)."""),
                        @SecurityScheme(securitySchemeName = TollgateOpenApi.API_EMAIL,
                                type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                                apiKeyName = "X-API-Email", description = """
                                Plain headers: a user's email, always together with `X-API-Password`. Repeated \
                                failures lock the account for a while (429)."""),
                        @SecurityScheme(securitySchemeName = TollgateOpenApi.API_PASSWORD,
                                type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                                apiKeyName = "X-API-Password",
                                description = "Plain headers: the user's password, together with `X-API-Email`."),
                        @SecurityScheme(securitySchemeName = TollgateOpenApi.CLIENT_BASIC,
                                type = SecuritySchemeType.HTTP, scheme = "basic", description = """
                                Client authentication `client_secret_basic` (RFC 6749 §2.3.1): the form-urlencoded \
                                `client_id` and `client_secret`. A confidential client may send them in the body \
                                instead (`client_secret_post`); a public client sends only `client_id`."""),
                        @SecurityScheme(securitySchemeName = TollgateOpenApi.REGISTRATION_TOKEN,
                                type = SecuritySchemeType.HTTP, scheme = "bearer", description = """
                                The registration access token that `POST /oauth2/register` returned (RFC 7592), \
                                rotated by every `PUT`.""")
                },
                headers = {
                        @Header(name = "WWW-Authenticate", description = """
                                The challenge (RFC 9110 §11.6.1, RFC 6750 §3): `Bearer realm="tollgate"`, with \
                                `error` and `error_description` when credentials were presented and refused, \
                                `scope` for a missing scope; `X-API-Headers realm="tollgate"` beside it when plain \
                                headers are accepted; `Basic realm="tollgate"` for a client that failed HTTP Basic \
                                authentication.""", schema = @Schema(type = SchemaType.STRING)),
                        @Header(name = "Retry-After", description = "Seconds to wait before trying again.",
                                schema = @Schema(type = SchemaType.INTEGER)),
                        @Header(name = "X-API-Expired", description = "`true` when the token has expired.",
                                schema = @Schema(type = SchemaType.STRING, enumeration = "true")),
                        @Header(name = "X-API-Revoked", description = "`true` when the token has been revoked.",
                                schema = @Schema(type = SchemaType.STRING, enumeration = "true"))
                },
                responses = {
                        // --- RFC 9457 problems: the demo and admin APIs, and the gate in front of any endpoint ---
                        @APIResponse(name = "Problem400", description = """
                                Bad request: invalid parameters or body (`validation`, with `errors`), an \
                                unreadable body (`bad-request`), or malformed credentials refused by the gate \
                                (`malformed-credentials`: two `Authorization` headers, an empty token, a token and \
                                plain headers at once, one plain header alone; with \
                                `WWW-Authenticate: Bearer error="invalid_request"`).""",
                                headers = @Header(name = "WWW-Authenticate", ref = "WWW-Authenticate"),
                                content = @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                        schema = @Schema(implementation = ProblemSchema.class), examples = {
                                        @ExampleObject(name = "validation", value = """
                                                {"type": "https://tollgate.dev/problems/validation", \
                                                "title": "Validation failed", "status": 400, \
                                                "detail": "One field of the request is invalid.", \
                                                "instance": "/api/items", \
                                                "errors": {"size": ["must be a whole number from 1 to 100"]}}"""),
                                        @ExampleObject(name = "malformed-credentials", value = """
                                                {"type": "https://tollgate.dev/problems/malformed-credentials", \
                                                "title": "Malformed credentials", "status": 400, \
                                                "detail": "More than one Authorization header", \
                                                "instance": "/api/me"}""")})),
                        @APIResponse(name = "Problem401", description = """
                                Not authenticated (the gate): no credentials (`missing-credentials`, challenged with \
                                `Bearer realm="tollgate"` and `X-API-Headers realm="tollgate"`), a token that is \
                                not accepted (`token-malformed`, `token-signature`, `token-expired`, \
                                `token-revoked`, … with `Bearer error="invalid_token"`), or wrong plain-header \
                                credentials (`invalid-credentials`).""",
                                headers = {
                                        @Header(name = "WWW-Authenticate", ref = "WWW-Authenticate"),
                                        @Header(name = "X-API-Expired", ref = "X-API-Expired"),
                                        @Header(name = "X-API-Revoked", ref = "X-API-Revoked")},
                                content = @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                        schema = @Schema(implementation = ProblemSchema.class), examples = {
                                        @ExampleObject(name = "missing-credentials", value = """
                                                {"type": "https://tollgate.dev/problems/missing-credentials", \
                                                "title": "Authentication required", "status": 401, \
                                                "detail": "The request carries no credentials", \
                                                "instance": "/api/me"}"""),
                                        @ExampleObject(name = "token-expired", value = """
                                                {"type": "https://tollgate.dev/problems/token-expired", \
                                                "title": "Token expired", "status": 401, \
                                                "detail": "The access token expired", "instance": "/api/me"}""")})),
                        @APIResponse(name = "Problem403", description = """
                                Authenticated, but not allowed: a required scope is missing (`insufficient-scope`) \
                                or a required role (`insufficient-role`); challenged with \
                                `Bearer error="insufficient_scope"` (and `scope` for a missing scope).""",
                                headers = @Header(name = "WWW-Authenticate", ref = "WWW-Authenticate"),
                                content = @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                        schema = @Schema(implementation = ProblemSchema.class), examples =
                                        @ExampleObject(name = "insufficient-role", value = """
                                                {"type": "https://tollgate.dev/problems/insufficient-role", \
                                                "title": "Forbidden", "status": 403, \
                                                "detail": "The caller may not access this resource.", \
                                                "instance": "/api/admin/stats"}"""))),
                        @APIResponse(name = "Problem404", description = "No such resource (`not-found`).",
                                content = @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = "Problem405",
                                description = "The resource does not support this method (`method-not-allowed`).",
                                headers = @Header(name = "Allow", description = "The methods the resource supports.",
                                        schema = @Schema(type = SchemaType.STRING)),
                                content = @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = "Problem406",
                                description = "No representation the request accepts (`not-acceptable`).",
                                content = @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = "Problem409",
                                description = "The request conflicts with the resource's current state (`conflict`).",
                                content = @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = "Problem413",
                                description = "The request body is larger than 1 MiB (`payload-too-large`).",
                                content = @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = "Problem415",
                                description = "The body's media type is not supported (`unsupported-media-type`).",
                                content = @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = "Problem429", description = """
                                Too many failed plain-header attempts: the account is locked for a while \
                                (`too-many-attempts`); or, on client registration and service-client creation, \
                                too many clients made too fast (`rate-limited`).""",
                                headers = @Header(name = "Retry-After", ref = "Retry-After"),
                                content = @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = "Problem500", description = """
                                Unexpected failure (`internal-error`); `detail` holds only a correlation id, also \
                                in the server log.""",
                                content = @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                        schema = @Schema(implementation = ProblemSchema.class))),
                        @APIResponse(name = "Problem503", description = """
                                Temporarily unavailable: the gate cannot check the credentials (JWK set or \
                                introspection endpoint unreachable, `key-source-unavailable`), or the database is \
                                down (`service-unavailable`).""",
                                headers = @Header(name = "Retry-After", ref = "Retry-After"),
                                content = @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                        schema = @Schema(implementation = ProblemSchema.class))),

                        // --- RFC 6749 §5.2 errors: the OAuth protocol endpoints that the gate lets through ---
                        @APIResponse(name = "OAuthError400", description = """
                                The request is refused (RFC 6749 §5.2): `invalid_request` (a missing, repeated or \
                                malformed parameter, an unsupported content type, HTTP Basic and a body secret at \
                                once), `invalid_grant`, `unauthorized_client`, `unsupported_grant_type`, \
                                `invalid_scope`, or `invalid_target` (RFC 8707 `resource`). At the token endpoint, \
                                an account locked after repeated wrong passwords is `invalid_grant` with \
                                `Retry-After`.""",
                                headers = @Header(name = "Retry-After", ref = "Retry-After"),
                                content = @Content(mediaType = TollgateOpenApi.JSON,
                                        schema = @Schema(implementation = ErrorResponse.class), examples =
                                        @ExampleObject(name = "invalid_grant", value = """
                                                {"error": "invalid_grant", \
                                                "error_description": \
                                                "the refresh token is invalid, expired or revoked"}"""))),
                        @APIResponse(name = "OAuthError401", description = """
                                Client authentication failed (`invalid_client`); with \
                                `WWW-Authenticate: Basic realm="tollgate"` when the client used HTTP Basic.""",
                                headers = @Header(name = "WWW-Authenticate", ref = "WWW-Authenticate"),
                                content = @Content(mediaType = TollgateOpenApi.JSON,
                                        schema = @Schema(implementation = ErrorResponse.class), examples =
                                        @ExampleObject(name = "invalid_client", value = """
                                                {"error": "invalid_client", \
                                                "error_description": "client authentication failed"}"""))),
                        @APIResponse(name = "OAuthError503", description = """
                                The database is unavailable (`temporarily_unavailable`); try again after \
                                `Retry-After` seconds.""",
                                headers = @Header(name = "Retry-After", ref = "Retry-After"),
                                content = @Content(mediaType = TollgateOpenApi.JSON,
                                        schema = @Schema(implementation = ErrorResponse.class), examples =
                                        @ExampleObject(name = "temporarily_unavailable", value = """
                                                {"error": "temporarily_unavailable", "error_description": \
                                                "The service is temporarily unavailable; try again later"}"""))),

                        // --- RFC 7591 / 7592 errors: client registration and management ---
                        @APIResponse(name = "RegistrationError400", description = """
                                The client metadata is refused (RFC 7591 §3.2.2): `invalid_redirect_uri` or \
                                `invalid_client_metadata`.""",
                                content = @Content(mediaType = TollgateOpenApi.JSON,
                                        schema = @Schema(implementation = ErrorResponse.class), examples =
                                        @ExampleObject(name = "invalid_redirect_uri", value = """
                                                {"error": "invalid_redirect_uri", "error_description": \
                                                "a redirect URI must be absolute and have no fragment"}"""))),
                        @APIResponse(name = "RegistrationError401", description = """
                                A missing or wrong registration access token, or an unknown or deleted client \
                                (`invalid_token`, RFC 6750 §3.1), challenged with `Bearer error="invalid_token"`.""",
                                headers = @Header(name = "WWW-Authenticate", ref = "WWW-Authenticate"),
                                content = @Content(mediaType = TollgateOpenApi.JSON,
                                        schema = @Schema(implementation = ErrorResponse.class))),
                        @APIResponse(name = "RegistrationError403", description = """
                                The caller's token may not register clients (`insufficient_scope`: it needs the \
                                scope `client:register`), challenged with `Bearer error="insufficient_scope"`; or \
                                the owner already has `tollgate.registration.max-clients-per-owner` live clients \
                                (`access_denied`, no challenge).""",
                                headers = @Header(name = "WWW-Authenticate", ref = "WWW-Authenticate"),
                                content = @Content(mediaType = TollgateOpenApi.JSON,
                                        schema = @Schema(implementation = ErrorResponse.class))),

                        // --- OAuth endpoints behind the gate: the gate answers with a problem, the endpoint with
                        //     the OAuth JSON; the media type tells them apart ---
                        @APIResponse(name = "GatedOAuthError400", description = """
                                Bad request. From the gate (`application/problem+json`): malformed credentials \
                                (`malformed-credentials`, see `Problem400`). From the endpoint (`application/json`): \
                                its OAuth error codes (registration: `invalid_redirect_uri`, \
                                `invalid_client_metadata`).""",
                                headers = @Header(name = "WWW-Authenticate", ref = "WWW-Authenticate"),
                                content = {
                                        @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                                schema = @Schema(implementation = ProblemSchema.class)),
                                        @Content(mediaType = TollgateOpenApi.JSON,
                                                schema = @Schema(implementation = ErrorResponse.class))}),
                        @APIResponse(name = "GatedOAuthError401", description = """
                                Not authenticated. From the gate (`application/problem+json`): presented \
                                credentials that are refused, or none where the gate requires them (see \
                                `Problem401`). From the endpoint (`application/json`): `invalid_token` when the \
                                request carries no acceptable Bearer token for it. Both challenge with \
                                `WWW-Authenticate: Bearer`.""",
                                headers = {
                                        @Header(name = "WWW-Authenticate", ref = "WWW-Authenticate"),
                                        @Header(name = "X-API-Expired", ref = "X-API-Expired"),
                                        @Header(name = "X-API-Revoked", ref = "X-API-Revoked")},
                                content = {
                                        @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                                schema = @Schema(implementation = ProblemSchema.class)),
                                        @Content(mediaType = TollgateOpenApi.JSON,
                                                schema = @Schema(implementation = ErrorResponse.class))}),
                        @APIResponse(name = "GatedOAuthError503", description = """
                                Temporarily unavailable. From the gate (`application/problem+json`, \
                                `key-source-unavailable`) or, when the database is down, from the endpoint \
                                (`application/json`, `temporarily_unavailable`).""",
                                headers = @Header(name = "Retry-After", ref = "Retry-After"),
                                content = {
                                        @Content(mediaType = TollgateOpenApi.PROBLEM_JSON,
                                                schema = @Schema(implementation = ProblemSchema.class)),
                                        @Content(mediaType = TollgateOpenApi.JSON,
                                                schema = @Schema(implementation = ErrorResponse.class))})
                }))
package dev.tollgate.war.openapi;

import dev.tollgate.impl.protocol.ErrorResponse;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
