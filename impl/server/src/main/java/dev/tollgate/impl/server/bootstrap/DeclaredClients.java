package dev.tollgate.impl.server.bootstrap;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.server.assertion.ClientJwks;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.secret.SaltedSecretHash;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientDefinitionException;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Clients declared by the operator, upserted into the database at every start: how first-party clients (and the
 * integration tests' clients) exist before anyone registers one.
 *
 * <h2>Where declarations come from</h2>
 * <ul>
 *   <li>A JSON file named by {@code tollgate.clients.file}, and/or</li>
 *   <li>MicroProfile Config keys {@code tollgate.clients.<id>.<attribute>} (e.g. {@code <variable>}s in
 *       server.xml, or {@code microprofile-config.properties}). Environment variables cannot be listed by name, so
 *       for clients declared only in the environment also set {@code tollgate.clients.ids} (comma-separated ids):
 *       {@code TOLLGATE_CLIENTS_IDS=reporting} with {@code TOLLGATE_CLIENTS_REPORTING_SECRET=...},
 *       {@code TOLLGATE_CLIENTS_REPORTING_GRANTS=client_credentials}.</li>
 * </ul>
 * A client id may be declared in one place only. At start-up every declared client is created or overwritten;
 * a client that an earlier start declared and that is no longer declared is (soft) deleted.
 *
 * <h2>Attributes</h2>
 * The same names in the file and in configuration keys:
 * <table>
 *   <caption>Client declaration attributes</caption>
 *   <tr><th>attribute</th><th>value</th><th>default</th></tr>
 *   <tr><td>{@code name}</td><td>display name (consent page)</td><td>the id</td></tr>
 *   <tr><td>{@code secret}</td><td>the client secret, at least 16 characters (e.g. {@code openssl rand -base64
 *       32}); stored as a salted PBKDF2 of its SHA-256 ({@link SaltedSecretHash}), never logged</td>
 *       <td rowspan="3">one of the three is required</td></tr>
 *   <tr><td>{@code secret-sha256}</td><td>instead of {@code secret}: its SHA-256 in hex (e.g.
 *       {@code printf %s "$SECRET" | sha256sum}), so the file holds no secret; stored salted alike. An unsalted
 *       hash in a file can be guessed against, so use it with a random secret only</td></tr>
 *   <tr><td>{@code public}</td><td>{@code true} for a public client (no secret: a SPA, a native app, a CLI)</td></tr>
 *   <tr><td>{@code grants}</td><td>{@code authorization_code}, {@code client_credentials}, {@code password},
 *       {@code refresh_token}</td><td>required</td></tr>
 *   <tr><td>{@code redirect-uris}</td><td>absolute URIs without fragment, matched exactly; required with
 *       {@code authorization_code}</td><td>none</td></tr>
 *   <tr><td>{@code scopes}</td><td>the scopes it may ask for</td><td>none</td></tr>
 *   <tr><td>{@code global}</td><td>{@code true}: a first-party client, listed at {@code /oauth2/global/clients}</td>
 *       <td>{@code false}</td></tr>
 *   <tr><td>{@code skip-consent}</td><td>{@code true}: no consent page</td><td>{@code false}</td></tr>
 *   <tr><td>{@code dpop-bound-access-tokens}</td><td>{@code true}: every token request must carry a DPoP proof
 *       (RFC 9449 §5.2)</td><td>{@code false}</td></tr>
 *   <tr><td>{@code access-token-lifetime}</td><td>a duration ({@code 15m}, {@code 1h}, {@code PT30M})</td>
 *       <td>the server's</td></tr>
 *   <tr><td>{@code refresh-token-lifetime}</td><td>a duration ({@code 30d})</td><td>the server's</td></tr>
 *   <tr><td>{@code token-endpoint-auth-method}</td><td>{@code client_secret_basic} or {@code client_secret_post}
 *       (a secret), {@code none} (public): the only way the client may authenticate (RFC 7591 §2)</td>
 *       <td>either secret method</td></tr>
 *   <tr><td>{@code token-endpoint-auth-method=private_key_jwt}</td><td>no secret: the client signs a JWT with its
 *       private key (RFC 7523 §2.2); give its public keys as {@code jwks} (a JWK Set as JSON text),
 *       {@code jwks-file} (a file holding one) or {@code jwks-uri} (on a host of
 *       {@code tollgate.server.client-assertion.jwks-uri-hosts})</td><td></td></tr>
 *   <tr><td>{@code require-pushed-authorization-requests}</td><td>{@code true}: the client must use PAR (RFC 9126
 *       §6)</td><td>{@code false}</td></tr>
 * </table>
 * In configuration keys, lists are separated by commas or spaces. In the file, lists are JSON arrays of strings,
 * flags are JSON booleans, everything else is a string.
 *
 * <h2>File format</h2>
 * <pre>{@code
 * {
 *   "clients": {
 *     "rips-web": {
 *       "name": "RIPS web app",
 *       "public": true,
 *       "grants": ["authorization_code", "refresh_token", "password"],
 *       "redirect-uris": ["https://app.example.com/callback"],
 *       "scopes": ["openid", "profile", "read"],
 *       "global": true,
 *       "skip-consent": true
 *     },
 *     "reporting": {
 *       "name": "Reporting service",
 *       "secret-sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
 *       "grants": ["client_credentials"],
 *       "scopes": ["reports:read"],
 *       "access-token-lifetime": "10m"
 *     }
 *   }
 * }
 * }</pre>
 * The same two clients as configuration keys:
 * <pre>{@code
 * tollgate.clients.rips-web.name=RIPS web app
 * tollgate.clients.rips-web.public=true
 * tollgate.clients.rips-web.grants=authorization_code,refresh_token,password
 * tollgate.clients.rips-web.redirect-uris=https://app.example.com/callback
 * tollgate.clients.rips-web.scopes=openid profile read
 * tollgate.clients.rips-web.global=true
 * tollgate.clients.rips-web.skip-consent=true
 * tollgate.clients.reporting.secret=...
 * tollgate.clients.reporting.grants=client_credentials
 * tollgate.clients.reporting.scopes=reports:read
 * tollgate.clients.reporting.access-token-lifetime=10m
 * }</pre>
 * Any mistake (unknown attribute, missing secret, a public client with {@code client_credentials}, ...) fails the
 * start with a message that names the key, or the file and the member; secret values are never repeated.
 */
public final class DeclaredClients {

    public static final String FILE_KEY = "tollgate.clients.file";
    public static final String IDS_KEY = "tollgate.clients.ids";
    public static final int MIN_SECRET_LENGTH = 16;

    static final String PREFIX = "tollgate.clients.";
    static final Set<String> ATTRIBUTES = Set.of("name", "secret", "secret-sha256", "public", "grants",
            "redirect-uris", "scopes", "global", "skip-consent", "access-token-lifetime", "refresh-token-lifetime",
            "token-endpoint-auth-method", "dpop-bound-access-tokens", "jwks", "jwks-file", "jwks-uri",
            "require-pushed-authorization-requests");

    private static final Logger LOG = Logger.getLogger(DeclaredClients.class.getName());

    private DeclaredClients() {
    }

    /** What {@link #apply} did. */
    public record Result(List<ClientId> upserted, List<ClientId> removed) {
    }

    /**
     * All declarations: the file (if {@code tollgate.clients.file} is set) and the configuration keys.
     *
     * @param propertyNames every configuration property name known (MicroProfile {@code Config.getPropertyNames()});
     *                      the {@code tollgate.clients.<id>.*} among them declare clients
     * @throws ConfigurationException on any invalid declaration
     */
    public static List<ClientDefinition> load(ConfigSource config, Iterable<String> propertyNames) {
        Map<ClientId, ClientDefinition> all = new LinkedHashMap<>();
        Optional<String> file = config.get(FILE_KEY);
        if (file.isPresent()) {
            for (ClientDefinition definition : fromFile(Path.of(file.get()))) {
                all.put(definition.id(), definition);
            }
        }
        for (ClientDefinition definition : fromConfig(config, propertyNames)) {
            if (all.containsKey(definition.id())) {
                throw new ConfigurationException(PREFIX + definition.id() + ".*", "client " + definition.id()
                        + " is declared both in " + FILE_KEY + " and in configuration keys; declare it once");
            }
            all.put(definition.id(), definition);
        }
        return List.copyOf(all.values());
    }

    /**
     * Upserts every declared client, then deletes (softly) those that an earlier start declared and this one does
     * not. Logs the ids, never a secret.
     *
     * <p>A declared secret is chosen by an operator, so it may be guessable: it is stored as a salted PBKDF2
     * ({@link SaltedSecretHash}), made anew at every start (one PBKDF2 per confidential declared client). A row that
     * an earlier version stored as a plain SHA-256 is replaced by the salted form here.
     *
     * @param hasher the password hasher, whose parameters the salted hashes take
     */
    public static Result apply(List<ClientDefinition> declared, ClientStore store, PasswordHasher hasher) {
        Set<ClientId> before = store.declaredIds();
        List<ClientId> upserted = new ArrayList<>();
        for (ClientDefinition definition : declared) {
            store.upsert(salted(definition, hasher));
            upserted.add(definition.id());
        }
        List<ClientId> removed = new ArrayList<>();
        for (ClientId id : before) {
            if (!upserted.contains(id) && store.softDelete(id)) {
                removed.add(id);
            }
        }
        if (!upserted.isEmpty()) {
            LOG.info(() -> "Declared clients: " + upserted);
        }
        if (!removed.isEmpty()) {
            LOG.info(() -> "Clients no longer declared, now deleted: " + removed);
        }
        return new Result(List.copyOf(upserted), List.copyOf(removed));
    }

    /** The definition with its secret salted; a public client, or a secret already salted, as it is. */
    static ClientDefinition salted(ClientDefinition definition, PasswordHasher hasher) {
        return definition.secretHash().filter(SecretHash.class::isInstance).map(SecretHash.class::cast)
                .map(sha256 -> definition.withSecretHash(SaltedSecretHash.of(sha256, hasher)))
                .orElse(definition);
    }

    /** Declarations in a JSON file (the format above). */
    static List<ClientDefinition> fromFile(Path file) {
        Map<String, Object> root;
        try {
            root = JSONObjectUtils.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException(FILE_KEY, "cannot read " + file + ": " + e.getClass().getSimpleName());
        } catch (ParseException e) {
            throw new ConfigurationException(FILE_KEY, file + " is not a JSON object: " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>(root.keySet());
        unknown.remove("clients");
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(FILE_KEY, file + ": unknown member " + unknown.iterator().next()
                    + "; the file holds one member, clients");
        }
        if (!(root.get("clients") instanceof Map<?, ?> clients)) {
            throw new ConfigurationException(FILE_KEY, file + ": clients must be a JSON object of client id to "
                    + "declaration");
        }
        List<ClientDefinition> definitions = new ArrayList<>();
        for (Map.Entry<?, ?> entry : clients.entrySet()) {
            String id = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof Map<?, ?> attributes)) {
                throw new ConfigurationException(FILE_KEY, file + ": clients." + id + " must be a JSON object");
            }
            definitions.add(definition(id, new JsonAttributes(file, id, attributes)));
        }
        return definitions;
    }

    /**
     * Declarations in configuration keys {@code tollgate.clients.<id>.<attribute>}.
     *
     * <p>Liberty lists an environment variable among the property names in a dotted, lower-case form:
     * {@code TOLLGATE_CLIENTS_OPS_CI_REDIRECT_URIS} as {@code tollgate.clients.ops.ci.redirect.uris}. That form cannot
     * say where the id ends, so an attribute is also recognised with its dashes as dots, and an id so found that is
     * one of {@code tollgate.clients.ids} written that way is that id: the values are then read under the real
     * names, which MicroProfile Config maps to the variables.
     */
    static List<ClientDefinition> fromConfig(ConfigSource config, Iterable<String> propertyNames) {
        List<String> listed = new Settings(config, "").list(IDS_KEY, List.of());
        Set<String> ids = new LinkedHashSet<>();
        for (String name : propertyNames) {
            if (!name.startsWith(PREFIX) || name.equals(FILE_KEY) || name.equals(IDS_KEY)) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            int dot = rest.lastIndexOf('.');
            if (dot <= 0) {
                throw new ConfigurationException(name, "unknown key; a client is declared with "
                        + PREFIX + "<id>.<attribute>");
            }
            Optional<String> id = idBeforeAttribute(rest);
            if (id.isEmpty()) {
                throw new ConfigurationException(name, "unknown client attribute '" + rest.substring(dot + 1)
                        + "'; known: " + new TreeSet<>(ATTRIBUTES));
            }
            ids.add(listedIdWrittenAs(id.get(), listed).orElse(id.get()));
        }
        ids.addAll(listed);
        List<ClientDefinition> definitions = new ArrayList<>();
        for (String id : ids) {
            definitions.add(definition(id, new ConfigAttributes(new Settings(config, PREFIX + id + "."))));
        }
        return definitions;
    }

    /** The id in {@code <id>.<attribute>}, the attribute as written or with its dashes as dots; empty: no attribute. */
    private static Optional<String> idBeforeAttribute(String rest) {
        String longest = null;
        for (String attribute : ATTRIBUTES) {
            for (String form : List.of(attribute, attribute.replace('-', '.'))) {
                if (rest.endsWith("." + form) && rest.length() > form.length() + 1
                        && (longest == null || form.length() > longest.length())) {
                    longest = form;
                }
            }
        }
        return longest == null ? Optional.empty()
                : Optional.of(rest.substring(0, rest.length() - longest.length() - 1));
    }

    /** The listed id whose environment form (lower case, dashes and underscores as dots) is {@code found}. */
    private static Optional<String> listedIdWrittenAs(String found, List<String> listed) {
        if (listed.contains(found)) {
            return Optional.of(found);
        }
        return listed.stream()
                .filter(id -> id.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.').equals(found))
                .findFirst();
    }

    /** The rules common to both sources. */
    private static ClientDefinition definition(String idText, Attributes attributes) {
        ClientId id = ClientId.parse(idText).orElseThrow(() -> attributes.error("",
                "a client id is 1 to " + ClientId.MAX_LENGTH + " visible ASCII characters without spaces"));
        boolean isPublic = attributes.bool("public").orElse(false);
        Optional<String> secret = attributes.string("secret");
        Optional<String> secretSha256 = attributes.string("secret-sha256");
        if (isPublic && (secret.isPresent() || secretSha256.isPresent())) {
            throw attributes.error("public", "a public client has no secret; remove the secret or public");
        }
        if (secret.isPresent() && secretSha256.isPresent()) {
            throw attributes.error("secret-sha256", "set either secret or secret-sha256, not both");
        }
        ClientAuthMethod method = authMethod(attributes);
        boolean keyClient = method == ClientAuthMethod.PRIVATE_KEY_JWT;
        if (keyClient && (isPublic || secret.isPresent() || secretSha256.isPresent())) {
            throw attributes.error("token-endpoint-auth-method",
                    "a private_key_jwt client has neither a secret nor public=true");
        }
        String jwks = jwks(attributes);
        if (!isPublic && !keyClient && secret.isEmpty() && secretSha256.isEmpty()) {
            throw attributes.error("secret", "is required (or secret-sha256, or public=true)");
        }
        if (secret.isPresent() && secret.get().length() < MIN_SECRET_LENGTH) {
            throw attributes.error("secret", "must have at least " + MIN_SECRET_LENGTH
                    + " characters (e.g. openssl rand -base64 32)");
        }
        SecretHash hash = secret.map(SecretHash::of).orElse(null);
        if (secretSha256.isPresent()) {
            try {
                hash = SecretHash.parse(secretSha256.get());
            } catch (IllegalArgumentException e) {
                throw attributes.error("secret-sha256", "must be the SHA-256 of the secret as 64 hex digits");
            }
        }
        List<String> grantNames = attributes.list("grants")
                .orElseThrow(() -> attributes.error("grants", "is required: one or more of " + grantNames()));
        Set<GrantType> grants = new LinkedHashSet<>();
        for (String name : grantNames) {
            grants.add(GrantType.parse(name).orElseThrow(() -> attributes.error("grants",
                    "unknown grant '" + name + "'; known: " + grantNames())));
        }
        try {
            return ClientDefinition.builder(id)
                    .name(attributes.string("name").orElse(id.value()))
                    .secretHash(hash)
                    .grantTypes(grants)
                    .redirectUris(attributes.list("redirect-uris").orElse(List.of()))
                    .scopes(attributes.list("scopes").orElse(List.of()))
                    .global(attributes.bool("global").orElse(false))
                    .skipConsent(attributes.bool("skip-consent").orElse(false))
                    .accessTokenLifetime(attributes.duration("access-token-lifetime").orElse(null))
                    .refreshTokenLifetime(attributes.duration("refresh-token-lifetime").orElse(null))
                    .authMethod(method)
                    .dpopBoundAccessTokens(attributes.bool("dpop-bound-access-tokens").orElse(false))
                    .jwks(jwks)
                    .jwksUri(attributes.string("jwks-uri").orElse(null))
                    .requirePushedRequests(attributes.bool("require-pushed-authorization-requests").orElse(false))
                    .declared(true)
                    .build();
        } catch (ClientDefinitionException e) {
            throw attributes.error(e.field(), e.problem());
        }
    }

    /** The declared public keys: {@code jwks} or {@code jwks-file}, checked by {@link ClientJwks}; null: none. */
    private static String jwks(Attributes attributes) {
        Optional<String> inline = attributes.string("jwks");
        Optional<String> file = attributes.string("jwks-file");
        if (inline.isPresent() && file.isPresent()) {
            throw attributes.error("jwks-file", "set either jwks or jwks-file, not both");
        }
        String field = file.isPresent() ? "jwks-file" : "jwks";
        Optional<String> text;
        try {
            text = file.isPresent() ? Optional.of(Files.readString(Path.of(file.get()), StandardCharsets.UTF_8))
                    : inline;
        } catch (IOException | RuntimeException e) {
            throw attributes.error("jwks-file", "cannot be read");
        }
        try {
            return text.map(ClientJwks::check).orElse(null);
        } catch (ClientJwks.InvalidJwksException e) {
            throw attributes.error(field, e.getMessage());
        }
    }

    private static ClientAuthMethod authMethod(Attributes attributes) {
        return attributes.string("token-endpoint-auth-method").map(value -> ClientAuthMethod.parse(value.trim())
                .orElseThrow(() -> attributes.error("token-endpoint-auth-method",
                        "must be client_secret_basic, client_secret_post, private_key_jwt or none"))).orElse(null);
    }

    private static String grantNames() {
        return Arrays.stream(GrantType.values()).map(GrantType::value).collect(Collectors.joining(", "));
    }

    private static List<String> splitList(String raw) {
        return Arrays.stream(raw.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** One client's attributes, from either source. Errors name the key (or the file member). */
    private interface Attributes {
        Optional<String> string(String attribute);

        Optional<List<String>> list(String attribute);

        Optional<Boolean> bool(String attribute);

        Optional<Duration> duration(String attribute);

        ConfigurationException error(String attribute, String problem);
    }

    private record ConfigAttributes(Settings settings) implements Attributes {

        @Override
        public Optional<String> string(String attribute) {
            return settings.string(attribute);
        }

        @Override
        public Optional<List<String>> list(String attribute) {
            return settings.string(attribute).map(DeclaredClients::splitList);
        }

        @Override
        public Optional<Boolean> bool(String attribute) {
            return settings.string(attribute).map(raw -> settings.bool(attribute, false));
        }

        @Override
        public Optional<Duration> duration(String attribute) {
            return settings.optionalDuration(attribute);
        }

        @Override
        public ConfigurationException error(String attribute, String problem) {
            String key = settings.key(attribute);
            return new ConfigurationException(attribute.isEmpty() ? key.substring(0, key.length() - 1) : key, problem);
        }
    }

    private record JsonAttributes(Path file, String id, Map<?, ?> members) implements Attributes {

        JsonAttributes {
            for (Object name : members.keySet()) {
                if (!ATTRIBUTES.contains(String.valueOf(name))) {
                    throw new ConfigurationException(FILE_KEY, file + ": clients."
                            + id + "." + name + " is not a client attribute; known: " + new TreeSet<>(ATTRIBUTES));
                }
            }
        }

        @Override
        public Optional<String> string(String attribute) {
            Object value = members.get(attribute);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof String text)) {
                throw error(attribute, "must be a string");
            }
            return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
        }

        @Override
        public Optional<List<String>> list(String attribute) {
            Object value = members.get(attribute);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof List<?> items) || !items.stream().allMatch(String.class::isInstance)) {
                throw error(attribute, "must be a JSON array of strings");
            }
            return Optional.of(items.stream().map(item -> ((String) item).strip()).filter(s -> !s.isEmpty()).toList());
        }

        @Override
        public Optional<Boolean> bool(String attribute) {
            Object value = members.get(attribute);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof Boolean flag)) {
                throw error(attribute, "must be true or false (a JSON boolean)");
            }
            return Optional.of(flag);
        }

        @Override
        public Optional<Duration> duration(String attribute) {
            Optional<String> raw = string(attribute);
            if (raw.isEmpty()) {
                return Optional.empty();
            }
            try {
                // Settings holds the one duration syntax of all Tollgate configuration.
                return new Settings(ConfigSource.of(Map.of(attribute, raw.get())), "").optionalDuration(attribute);
            } catch (ConfigurationException e) {
                throw error(attribute, "must be a duration such as 15m, 1h, 30d or PT30M");
            }
        }

        @Override
        public ConfigurationException error(String attribute, String problem) {
            String member = "clients." + id + (attribute.isEmpty() ? "" : "." + attribute);
            return new ConfigurationException(FILE_KEY, file + ": " + member + " " + problem);
        }
    }
}
