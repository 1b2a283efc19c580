package dev.tollgate.it.foreign.support;

import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.it.foreign.app.InventoryServlet;
import dev.tollgate.it.foreign.app.StampFilter;
import dev.tollgate.it.support.DropInArchives;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The foreign WAR: an inventory application that nobody here would write for the gate. Its web.xml says
 * {@code metadata-complete="true"} and declares its own filter ({@link StampFilter}) on {@code /*}; it has no
 * Tollgate code. "With the gate" adds the gate's drop-in bundle to WEB-INF/lib, exactly as a user copies it, and
 * nothing else.
 */
public final class ForeignWar {

    /** The context path every container deploys the good application at. */
    public static final String CONTEXT = "/inventory";
    /** The context path of the same WAR deployed with a bad configuration value. */
    public static final String BAD_CONTEXT = "/inventory-bad";
    /** The key the bad deployment gets wrong, and its value. */
    public static final String BAD_KEY = "tollgate.gate.clock-skew";
    public static final String BAD_VALUE = "banana";

    private ForeignWar() {
    }

    /** The WAR with the gate's jars in WEB-INF/lib, written to {@code dir/inventory.war}. */
    public static Path withGate(Path dir) {
        return export(archive().addAsLibraries(DropInArchives.bundle("gate")), dir.resolve("inventory.war"));
    }

    /**
     * The WAR with the gate's jars but without {@code metadata-complete}, so that the container also reads the
     * jar's web-fragment.xml (for comparison: start-up time).
     */
    public static Path withGateAndFragments(Path dir) {
        String webXml = resource("/foreign/inventory-web.xml").replace(" metadata-complete=\"true\"", "");
        return export(ShrinkWrap.create(WebArchive.class, "inventory-fragments.war")
                .addClasses(InventoryServlet.class, StampFilter.class)
                .setWebXML(new StringAsset(webXml))
                .addAsLibraries(DropInArchives.bundle("gate")), dir.resolve("inventory-fragments.war"));
    }

    /** The same WAR without the gate, for comparison (start-up time). */
    public static Path withoutGate(Path dir) {
        return export(archive(), dir.resolve("inventory-plain.war"));
    }

    /**
     * The gate's configuration for the tests' JWT issuer: {@link TestTokens#ISSUER}, audience {@link
     * TestTokens#AUDIENCE}, keys from a JWK set file written next to the WARs ({@code dir/jwks.json}).
     */
    public static Map<String, String> gateConfig(Path dir) {
        Path jwks = TestKeys.get().writeTrustedPublicJwks(dir.resolve("jwks.json"));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("tollgate.gate.issuer", TestTokens.ISSUER);
        config.put("tollgate.gate.discovery", "false");
        config.put("tollgate.gate.jwks-file", jwks.toAbsolutePath().toString());
        config.put("tollgate.gate.audience", TestTokens.AUDIENCE);
        return config;
    }

    /** {@code config} with the bad value. */
    public static Map<String, String> badConfig(Map<String, String> config) {
        Map<String, String> bad = new LinkedHashMap<>(config);
        bad.put(BAD_KEY, BAD_VALUE);
        return bad;
    }

    private static WebArchive archive() {
        return ShrinkWrap.create(WebArchive.class, "inventory.war")
                .addClasses(InventoryServlet.class, StampFilter.class)
                .setWebXML(ForeignWar.class.getResource("/foreign/inventory-web.xml"));
    }

    private static String resource(String name) {
        try (InputStream in = ForeignWar.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path export(WebArchive war, Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }
}
