package dev.tollgate.war;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture of ../shared/DESIGN.md, enforced on the production classes of every module: no package cycle
 * anywhere, and each product depends only on what its row of the module table allows. The compiler already stops a
 * module from using one it does not declare; this catches a wrong-way arrow added to a pom, and cycles inside a
 * module, which no build tool sees.
 *
 * <p>ArchUnit rather than the Maven enforcer's banned dependencies: the enforcer sees artifacts only, never
 * packages, so it cannot find a cycle such as {@code gate ⇄ jwt} inside one jar.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.tollgate");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.tollgate.(**)").should().beFreeOfCycles().check(production);
    }

    @Test
    void eachProductDependsOnlyOnWhatTheDesignAllows() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("dev.tollgate.api..")
                .layer("common").definedBy("dev.tollgate.impl.config..", "dev.tollgate.impl.protocol..")
                .layer("gate").definedBy("dev.tollgate.impl.gate..", "dev.tollgate.impl.verification..",
                        "dev.tollgate.impl.jwt..", "dev.tollgate.impl.introspect..", "dev.tollgate.impl.jaxrs..",
                        "dev.tollgate.impl.problem..", "dev.tollgate.impl.throttle..", "dev.tollgate.impl.cdi..",
                        "dev.tollgate.impl.dpop..", "dev.tollgate.impl.metadata..", "dev.tollgate.impl.cache..")
                .layer("client").definedBy("dev.tollgate.impl.client..")
                .layer("server").definedBy("dev.tollgate.impl.server..")
                .layer("war").definedBy("dev.tollgate.war..")
                .whereLayer("api").mayNotAccessAnyLayer()
                .whereLayer("common").mayOnlyAccessLayers("api")
                .whereLayer("gate").mayOnlyAccessLayers("api", "common")
                .whereLayer("client").mayOnlyAccessLayers("api", "common")
                .whereLayer("server").mayOnlyAccessLayers("api", "common", "gate")
                .whereLayer("war").mayOnlyAccessLayers("api", "common", "gate", "server")
                .check(production);
    }

    @Test
    void everyProductionClassBelongsToAProduct() {
        // A package outside every layer would escape the rule above.
        classes()
                .should().resideInAnyPackage("dev.tollgate.api..", "dev.tollgate.impl.config..",
                        "dev.tollgate.impl.protocol..", "dev.tollgate.impl.gate..",
                        "dev.tollgate.impl.verification..", "dev.tollgate.impl.jwt..",
                        "dev.tollgate.impl.introspect..", "dev.tollgate.impl.jaxrs..", "dev.tollgate.impl.problem..",
                        "dev.tollgate.impl.throttle..", "dev.tollgate.impl.cdi..", "dev.tollgate.impl.client..",
                        "dev.tollgate.impl.server..", "dev.tollgate.war..", "dev.tollgate.impl.dpop..",
                        "dev.tollgate.impl.metadata..", "dev.tollgate.impl.cache..")
                .check(production);
    }
}
