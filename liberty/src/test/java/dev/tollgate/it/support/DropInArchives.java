package dev.tollgate.it.support;

import dev.tollgate.api.spi.PlainCredentialVerifier;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.testing.DemoPlainCredentialVerifier;
import dev.tollgate.impl.testing.DemoRevocationChecker;
import dev.tollgate.it.dropin.app.GreetingResource;
import dev.tollgate.it.dropin.app.PlainApplication;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the drop-in deployments: a plain JAX-RS application that knows nothing of Tollgate, plus the jars a user
 * puts in WEB-INF/lib: the gate's (or the token client's) drop-in bundle exactly as the build produced it, unpacked
 * by the build into the folder that the system property {@code it.bundles} names.
 */
public final class DropInArchives {

    private DropInArchives() {
    }

    /** The unmodified application with the gate's jars, and nothing else. */
    public static WebArchive plainAppWithGate(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(PlainApplication.class, GreetingResource.class)
                .addAsLibraries(bundle("gate"));
    }

    /**
     * The same application, plus the two SPIs an application may provide, registered for {@link
     * java.util.ServiceLoader}: a plain-header verifier that knows one account and a revocation checker that
     * revokes one {@code jti}.
     */
    public static WebArchive plainAppWithGateAndSpis(String name) {
        return plainAppWithGate(name)
                .addClasses(DemoPlainCredentialVerifier.class, DemoRevocationChecker.class)
                .addAsResource(new StringAsset(DemoPlainCredentialVerifier.class.getName()),
                        "META-INF/services/" + PlainCredentialVerifier.class.getName())
                .addAsResource(new StringAsset(DemoRevocationChecker.class.getName()),
                        "META-INF/services/" + RevocationChecker.class.getName());
    }

    /**
     * The jars of the named drop-in bundles ({@code gate}, {@code client}), each jar once: the bundles share
     * tollgate-api, tollgate-common and Nimbus JOSE+JWT.
     */
    public static JavaArchive[] bundle(String... products) {
        Map<String, File> jars = new TreeMap<>();
        for (String product : products) {
            for (File jar : jarsOf(product)) {
                jars.putIfAbsent(jar.getName(), jar);
            }
        }
        return jars.values().stream().map(jar -> ShrinkWrap.createFromZipFile(JavaArchive.class, jar))
                .toArray(JavaArchive[]::new);
    }

    private static File[] jarsOf(String product) {
        String bundles = System.getProperty("it.bundles");
        if (bundles == null) {
            throw new IllegalStateException("it.bundles is not set: run the drop-in tests through Maven (failsafe)");
        }
        Path lib = Path.of(bundles, "tollgate-" + product + "-bundle-zip", "WEB-INF", "lib");
        try (Stream<Path> files = Files.list(lib)) {
            File[] jars = files.filter(f -> f.toString().endsWith(".jar")).map(Path::toFile).toArray(File[]::new);
            if (jars.length == 0) {
                throw new IllegalStateException("the " + product + " bundle at " + lib + " holds no jar");
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the " + product + " bundle at " + lib, e);
        }
    }
}
