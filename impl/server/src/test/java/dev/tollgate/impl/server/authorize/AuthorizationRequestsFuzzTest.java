package dev.tollgate.impl.server.authorize;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Fuzzes the validation of {@code GET /oauth2/authorize} (RFC 6749 §4.1.1, RFC 7636 §4.3),
 * {@link AuthorizationRequests#validate}. The input is the raw query string; the target percent-decodes it as
 * UTF-8 ({@code +} as space; a malformed escape is kept as is) into the parameter map JAX-RS hands the resource.
 * Four clients are registered: a web app, one with a query in its redirect URI, one with two redirect URIs, and one
 * not allowed the code grant.
 *
 * <p>Property: every query ends in one of the three documented outcomes, never an exception. An error page carries
 * {@code invalid_request} or {@code invalid_client}; an error redirect goes only to a redirect URI registered for
 * the named client (never an open redirector, RFC 9700 §4.11) and carries {@code iss} (RFC 9207); a valid request
 * has a registered redirect URI, an S256 challenge and a scope within the client's. Seeds:
 * {@code AuthorizationRequestsFuzzTestInputs/validate/}.
 */
class AuthorizationRequestsFuzzTest {

    private static final Set<OAuthError> PAGE_ERRORS = Set.of(OAuthError.INVALID_REQUEST, OAuthError.INVALID_CLIENT);
    private static final Set<OAuthError> REDIRECT_ERRORS = Set.of(OAuthError.INVALID_REQUEST,
            OAuthError.UNSUPPORTED_RESPONSE_TYPE, OAuthError.INVALID_SCOPE, OAuthError.UNAUTHORIZED_CLIENT);

    private final Map<ClientId, Client> clients = new LinkedHashMap<>();
    private final Function<ClientId, Optional<Client>> lookup = id -> Optional.ofNullable(clients.get(id));
    private final AuthorizationRequests requests = new AuthorizationRequests(lookup);

    AuthorizationRequestsFuzzTest() {
        for (Client client : List.of(AuthorizeFixtures.webApp(),
                AuthorizeFixtures.client("query", List.of("https://app.example.com/cb?tenant=a&x="),
                        Set.of(GrantType.AUTHORIZATION_CODE), false),
                AuthorizeFixtures.client("two-uris", List.of(AuthorizeFixtures.REDIRECT, "http://127.0.0.1:8400/cb"),
                        Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), true),
                AuthorizeFixtures.client("service", List.of(AuthorizeFixtures.REDIRECT),
                        Set.of(GrantType.CLIENT_CREDENTIALS), false))) {
            clients.put(client.id(), client);
        }
    }

    @FuzzTest(maxDuration = "2s")
    @DictionaryEntries({"response_type=code", "&client_id=", "web", "query", "two-uris", "service",
            "&redirect_uri=", "https%3A%2F%2Fapp.example.com%2Fcallback", "http://127.0.0.1:8400/cb", "&scope=",
            "openid", "profile", "items:read", "&state=", "&nonce=", "&code_challenge=",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "&code_challenge_method=S256", "plain", "%", "+", "%00",
            "%E2%80%AE"})
    void validate(byte[] input) {
        Map<String, List<String>> parameters = query(new String(input, StandardCharsets.ISO_8859_1));

        AuthorizationValidation validation = requests.validate(parameters, AuthorizeFixtures.ISSUER);

        if (validation instanceof AuthorizationValidation.ErrorPage page) {
            assertTrue(PAGE_ERRORS.contains(page.error()), page.error().code());
        } else if (validation instanceof AuthorizationValidation.ErrorRedirect redirect) {
            assertTrue(REDIRECT_ERRORS.contains(redirect.error()), redirect.error().code());
            Client client = clients.get(new ClientId(parameters.get("client_id").get(0)));
            String location = redirect.location().toString();
            assertTrue(client.redirectUris().stream().anyMatch(location::startsWith), "to a registered URI only");
            assertTrue(redirect.location().getRawQuery().contains("iss="), "with iss");
            assertTrue(redirect.location().getRawFragment() == null);
        } else if (validation instanceof AuthorizationValidation.Valid valid) {
            AuthorizationRequest request = valid.request();
            assertTrue(valid.client().hasRedirectUri(request.redirectUri()));
            assertTrue(request.codeChallenge().matches("[A-Za-z0-9_-]{43}"));
            assertTrue(request.scope().within(valid.client().scopes()));
            assertTrue(valid.client().allowsGrant(GrantType.AUTHORIZATION_CODE));
        } else {
            fail("undocumented outcome " + validation);
        }
    }

    /** The query's parameters, each with all its values, as JAX-RS's UriInfo#getQueryParameters decodes them. */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (c == '%' && high >= 0 && low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
