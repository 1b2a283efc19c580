package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.spi.PlainCredentialVerifier;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.testing.DemoPlainCredentialVerifier;
import dev.tollgate.impl.testing.DemoRevocationChecker;
import dev.tollgate.impl.testing.LogCapture;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Optional;
import java.util.Set;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** How the gate finds its SPI implementations: CDI bean, else ServiceLoader, else Jakarta Security. */
class SpiLookupTest {

    /** A class loader that sees the demo ServiceLoader registrations under {@code jetty-spi/}. */
    static ClassLoader withServices() {
        URL spi = SpiLookupTest.class.getResource("/jetty-spi/");
        return new URLClassLoader(new URL[] {spi}, SpiLookupTest.class.getClassLoader());
    }

    static ClassLoader withoutServices() {
        return SpiLookupTest.class.getClassLoader();
    }

    @ApplicationScoped
    public static class CdiVerifier implements PlainCredentialVerifier {
        @Override
        public Optional<Caller> verify(String email, char[] password) {
            return Optional.of(Caller.of("from-cdi", null, Set.of(), Set.of(), CredentialKind.PLAIN_HEADERS, null));
        }
    }

    @ApplicationScoped
    public static class CdiRevocationChecker implements RevocationChecker {
        @Override
        public boolean isRevoked(String tokenId, Caller caller) {
            return "cdi-revoked".equals(tokenId);
        }
    }

    @ApplicationScoped
    public static class FakeIdentityStoreHandler implements IdentityStoreHandler {
        @Override
        public CredentialValidationResult validate(Credential credential) {
            if (credential instanceof UsernamePasswordCredential up && up.getCaller().equals("dora@example.com")
                    && up.compareTo("dora@example.com", "open sesame")) {
                return new CredentialValidationResult("dora", Set.of("editors"));
            }
            return CredentialValidationResult.INVALID_RESULT;
        }
    }

    @ApplicationScoped
    public static class SomeIdentityStore implements IdentityStore {
    }

    static WeldContainer cdi(Class<?>... beans) {
        return new Weld().disableDiscovery().addBeanClasses(beans).initialize();
    }

    @Test
    void serviceLoaderIsUsedWithoutACdiContainer() {
        assertInstanceOf(DemoPlainCredentialVerifier.class,
                SpiLookup.plainCredentialVerifier(withServices()).orElseThrow());
        assertInstanceOf(DemoRevocationChecker.class, SpiLookup.revocationChecker(withServices()).orElseThrow());
    }

    @Test
    void cdiBeanWinsOverServiceLoader() {
        try (WeldContainer container = cdi(CdiVerifier.class, CdiRevocationChecker.class)) {
            PlainCredentialVerifier verifier = SpiLookup.plainCredentialVerifier(withServices()).orElseThrow();
            RevocationChecker checker = SpiLookup.revocationChecker(withServices()).orElseThrow();

            assertEquals("from-cdi", verifier.verify("x", new char[] {'y'}).orElseThrow().subject());
            assertTrue(checker.isRevoked("cdi-revoked", Caller.anonymous()));
        }
    }

    @Test
    void serviceLoaderIsUsedWhenCdiHasNoSuchBean() {
        try (WeldContainer container = cdi(FakeIdentityStoreHandler.class)) {
            assertInstanceOf(DemoRevocationChecker.class, SpiLookup.revocationChecker(withServices()).orElseThrow());
        }
    }

    @Test
    void identityStoresCheckPlainCredentialsWhenNoVerifierIsRegistered() {
        try (WeldContainer container = cdi(FakeIdentityStoreHandler.class)) {
            PlainCredentialVerifier verifier = SpiLookup.plainCredentialVerifier(withoutServices()).orElseThrow();

            Caller dora = verifier.verify("dora@example.com", "open sesame".toCharArray()).orElseThrow();
            assertEquals("dora", dora.subject());
            assertEquals(Set.of("editors"), dora.roles());
            assertEquals(CredentialKind.PLAIN_HEADERS, dora.credentialKind());
            assertEquals(Optional.empty(), verifier.verify("dora@example.com", "wrong".toCharArray()));
        }
    }

    @Test
    void withNothingRegisteredThereIsNoVerifierAndOneWarning() {
        try (LogCapture logs = new LogCapture()) {
            GateServices services = GateServices.discover(withoutServices());

            assertEquals(Optional.empty(), services.plainCredentialVerifier().get());
            assertEquals(Optional.empty(), services.plainCredentialVerifier().get());
            assertEquals(Optional.empty(), services.revocationChecker().get());

            long warnings = logs.lines().stream().filter(line -> line.contains("no PlainCredentialVerifier")).count();
            assertEquals(1, warnings);
        }
    }

    @Test
    void plainCredentialSourceIsFoundAtStartWithoutCreatingIt() {
        assertEquals(Optional.of(DemoPlainCredentialVerifier.class.getName() + " (ServiceLoader)"),
                SpiLookup.plainCredentialSource(withServices(), false));
        assertEquals(Optional.empty(), SpiLookup.plainCredentialSource(withoutServices(), true));
        try (WeldContainer container = cdi(CdiVerifier.class)) {
            assertEquals(Optional.of("a CDI bean"), SpiLookup.plainCredentialSource(withServices(), false));
        }
    }

    @Test
    void identityStoreHandlerAloneCountsOnlyWhenPlainHeadersAreRequiredExplicitly() {
        try (WeldContainer container = cdi(FakeIdentityStoreHandler.class)) {
            assertEquals(Optional.empty(), SpiLookup.plainCredentialSource(withoutServices(), false),
                    "Jakarta Security's own handler without a store validates nothing");
            assertEquals(Optional.of("the Jakarta Security identity stores"),
                    SpiLookup.plainCredentialSource(withoutServices(), true));
        }
        try (WeldContainer container = cdi(FakeIdentityStoreHandler.class, SomeIdentityStore.class)) {
            assertEquals(Optional.of("the Jakarta Security identity stores"),
                    SpiLookup.plainCredentialSource(withoutServices(), false));
        }
    }

    @Test
    void localIssuerIsACdiBeanOnly() {
        assertFalse(SpiLookup.hasLocalIssuer(withServices()), "no CDI container runs here");
    }

    @Test
    void lookupHappensOnFirstUseOnly() {
        try (LogCapture logs = new LogCapture()) {
            GateServices.discover(withServices());

            assertTrue(logs.lines().isEmpty(), "nothing is looked up before it is needed");
        }
    }
}
