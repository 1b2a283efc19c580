package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicPathsTest {

    private static PublicPaths paths(String... patterns) {
        return PublicPaths.parse(List.of(patterns), "tollgate.gate.public-paths");
    }

    @Test
    void exactPathMatchesOnlyItself() {
        PublicPaths paths = paths("/health");

        assertTrue(paths.matches("/health"));
        assertFalse(paths.matches("/health/live"));
        assertFalse(paths.matches("/healthz"));
        assertFalse(paths.matches("/"));
    }

    @Test
    void prefixPathMatchesItselfAndEverythingBelow() {
        PublicPaths paths = paths("/docs/*");

        assertTrue(paths.matches("/docs"));
        assertTrue(paths.matches("/docs/"));
        assertTrue(paths.matches("/docs/a/b"));
        assertFalse(paths.matches("/docsx"));
        assertFalse(paths.matches("/api/docs"));
    }

    @Test
    void slashStarMatchesEverything() {
        assertTrue(paths("/*").matches("/anything/at/all"));
    }

    @Test
    void noPatternsMatchNothing() {
        assertFalse(PublicPaths.none().matches("/"));
        assertTrue(PublicPaths.none().isEmpty());
    }

    @Test
    void patternWithoutLeadingSlashIsRejectedNamingTheKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> paths("health"));

        assertEquals("tollgate.gate.public-paths", e.key());
    }

    @Test
    void starAnywhereButTheEndIsRejectedNamingTheKey() {
        assertEquals("tollgate.gate.public-paths",
                assertThrows(ConfigurationException.class, () -> paths("/a/*/b")).key());
        assertEquals("tollgate.gate.public-paths",
                assertThrows(ConfigurationException.class, () -> paths("/a*")).key());
    }
}
