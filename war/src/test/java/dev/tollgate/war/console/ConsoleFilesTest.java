package dev.tollgate.war.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleFilesTest {

    @Test
    void fileWhenFolderThenIndex() {
        assertEquals(Optional.of("/index.html"), ConsoleFiles.file("/"));
        assertEquals(Optional.of("/js/app.js"), ConsoleFiles.file("/js/app.js"));
        assertEquals(Optional.of("/js/views/users.js"), ConsoleFiles.file("/js/views/users.js"));
    }

    @Test
    void fileWhenNotPlainThenNone() {
        for (String path : new String[] {"/../WEB-INF/web.xml", "/js/../../x", "/.hidden", "//x", "/a b.js",
                "/a%2e.js", "/js\\app.js", "/a..b/c.js", "/WEB-INF;x/a.js"}) {
            assertTrue(ConsoleFiles.file(path).isEmpty(), path);
        }
    }

    @Test
    void typeWhenKnownExtensionThenTypeElseNone() {
        assertEquals(Optional.of("text/javascript;charset=UTF-8"), ConsoleFiles.typeOf("/js/app.js"));
        assertEquals(Optional.of("text/html;charset=UTF-8"), ConsoleFiles.typeOf("/index.html"));
        assertEquals(Optional.of("text/css;charset=UTF-8"), ConsoleFiles.typeOf("/console.CSS"));
        assertTrue(ConsoleFiles.typeOf("/beans.xml").isEmpty());
        assertTrue(ConsoleFiles.typeOf("/README").isEmpty());
    }

    @Test
    void cspWhenServedThenNoInlineAndNoFraming() {
        assertTrue(ConsoleFiles.CONTENT_SECURITY_POLICY.contains("script-src 'self'"));
        assertTrue(ConsoleFiles.CONTENT_SECURITY_POLICY.contains("frame-ancestors 'none'"));
        assertTrue(!ConsoleFiles.CONTENT_SECURITY_POLICY.contains("unsafe"));
    }
}
