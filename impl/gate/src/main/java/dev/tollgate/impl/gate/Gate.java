package dev.tollgate.impl.gate;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import dev.tollgate.impl.metadata.ProtectedResourceMetadata;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The gate of one web application as started: its validated configuration, its verifiers, and the credential
 * schemes that can succeed. Started once, at deployment, by {@link GateInitializer} (or by {@link GateFilter#init}
 * when the filter is declared by hand and no initializer ran); a bad configuration throws then, never per request.
 */
final class Gate {

    /** The context attribute under which the initializer leaves the gate for a filter the application declared. */
    static final String ATTRIBUTE = "dev.tollgate.gate.Gate";
    /** The context attribute that holds why the gate could not start (a line naming the key), when it could not. */
    static final String FAILURE_ATTRIBUTE = "dev.tollgate.gate.start-failure";

    private static final Logger LOG = Logger.getLogger(GateFilter.class.getName());

    private final GateConfig config;
    private final Verifier verifier;
    private final CredentialExtractor extractor;
    private final ChallengeWriter challenges;
    /** Null when the gate serves no protected-resource metadata. */
    private final ProtectedResourceMetadata resourceMetadata;

    private Gate(GateConfig config, Verifier verifier, boolean plainHeaders, String application) {
        this.config = config;
        this.verifier = verifier;
        GateConfig.PlainHeadersConfig plain = config.plainHeaders();
        this.extractor = new CredentialExtractor(plainHeaders, plain.emailHeader(), plain.passwordHeader(),
                config.dpop().enabled());
        this.resourceMetadata = resourceMetadata(config, application);
        this.challenges = new ChallengeWriter(config.realm(), plainHeaders, !config.dpop().required(),
                config.dpop().enabled() ? config.dpop().algorithmNames() : null,
                resourceMetadata == null ? null : resourceMetadata.url(), verifier::currentDpopNonce);
    }

    /** The application's RFC 9728 metadata, from configuration alone; null when it is off. */
    static ProtectedResourceMetadata resourceMetadata(GateConfig config, String application) {
        GateConfig.ResourceMetadataConfig metadata = config.resourceMetadata();
        if (!metadata.enabled() || config.externalBaseUrl().isEmpty()) {
            return null;
        }
        return ProtectedResourceMetadata.of(config.externalBaseUrl().get(), "/".equals(application) ? ""
                        : application, metadata.resource(), metadata.authorizationServers(),
                metadata.scopesSupported(), metadata.resourceName(), metadata.resourceDocumentation(), config.dpop());
    }

    /**
     * Reads and checks the configuration, finds what can check plain headers, builds the verifiers, and logs the
     * start-up line ({@code Tollgate gate for /ctx: ...}).
     *
     * @param local the application's own keys (context-params, and the init-params of a declared filter)
     * @param loader the application's class loader, for ServiceLoader
     * @param application the context path, {@code /} for the root
     * @throws ConfigurationException naming the first key at fault; nothing is logged, {@link #logFailure} does
     */
    static Gate start(ConfigSource local, ClassLoader loader, String application) {
        GateConfig config = GateConfig.from(new Settings(ConfigSource.standard(local), GateConfig.PREFIX));
        Optional<Boolean> configured = config.plainHeaders().enabled();
        Optional<String> checker = configured.orElse(true)
                ? SpiLookup.plainCredentialSource(loader, configured.isPresent()) : Optional.empty();
        if (configured.orElse(false) && checker.isEmpty()) {
            throw new ConfigurationException(GateConfig.PREFIX + "plain-headers.enabled", "is true, but nothing can"
                    + " check plain-header credentials: no PlainCredentialVerifier (CDI bean or ServiceLoader) and no"
                    + " Jakarta Security identity store");
        }
        boolean plainHeaders = checker.isPresent();
        Verifier verifier = Verifier.create(config, GateServices.discover(loader), plainHeaders, Clock.systemUTC());
        Gate gate = new Gate(config, verifier, plainHeaders, application);
        StartupReport.log(config, application, checker, SpiLookup.hasLocalIssuer(loader),
                Optional.ofNullable(gate.resourceMetadata).map(ProtectedResourceMetadata::url));
        return gate;
    }

    /** The one SEVERE line that says why the application does not start, naming the key. */
    static String logFailure(String application, ConfigurationException e) {
        String line = "Tollgate gate for " + application + " cannot start: " + e.key() + ": " + e.problem();
        LOG.severe(line);
        return line;
    }

    /** The context path as the start-up line names the application: {@code /} for the root. */
    static String applicationName(String contextPath) {
        return contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
    }

    GateConfig config() {
        return config;
    }

    Verifier verifier() {
        return verifier;
    }

    CredentialExtractor extractor() {
        return extractor;
    }

    ChallengeWriter challenges() {
        return challenges;
    }

    /** Empty when the gate serves no protected-resource metadata. */
    Optional<ProtectedResourceMetadata> resourceMetadata() {
        return Optional.ofNullable(resourceMetadata);
    }
}
