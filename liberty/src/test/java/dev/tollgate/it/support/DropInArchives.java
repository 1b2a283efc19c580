package dev.tollgate.it.support;

import com.nimbusds.jose.JWSObject;
import dev.tollgate.api.Caller;
import dev.tollgate.api.spi.PlainCredentialVerifier;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.gate.GateFilter;
import dev.tollgate.impl.testing.DemoPlainCredentialVerifier;
import dev.tollgate.impl.testing.DemoRevocationChecker;
import dev.tollgate.it.dropin.app.GreetingResource;
import dev.tollgate.it.dropin.app.PlainApplication;
import java.io.File;
import java.net.URISyntaxException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the drop-in deployments: a plain JAX-RS application that knows nothing of Tollgate, plus the jars a user
 * puts in WEB-INF/lib (tollgate-impl, tollgate-api, Nimbus JOSE+JWT), taken from the test class path exactly as
 * the build produced them.
 */
public final class DropInArchives {

    private DropInArchives() {
    }

    /** The unmodified application with the gate's jars, and nothing else. */
    public static WebArchive plainAppWithGate(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(PlainApplication.class, GreetingResource.class)
                .addAsLibraries(jarOf(GateFilter.class), jarOf(Caller.class), jarOf(JWSObject.class));
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

    /** The jar (or, in an IDE, the classes folder) that holds {@code type}. */
    public static JavaArchive jarOf(Class<?> type) {
        File location;
        try {
            location = new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (location.isDirectory()) {
            return ShrinkWrap.create(ExplodedImporter.class, type.getSimpleName() + "-classes.jar")
                    .importDirectory(location).as(JavaArchive.class);
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, location);
    }
}
