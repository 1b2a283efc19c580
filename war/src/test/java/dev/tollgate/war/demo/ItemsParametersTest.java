package dev.tollgate.war.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Parameter;
import org.junit.jupiter.api.Test;

/**
 * The rules on {@code page} and {@code size} of {@code GET /api/items}, as Bean Validation applies {@code @Pattern}
 * (the whole value must match). The mapping of a violation to a 400 problem is impl's, tested there.
 */
class ItemsParametersTest {

    private static Parameter parameter(String queryName) throws NoSuchMethodException {
        for (Parameter p : ItemsResource.class.getMethod("list", String.class, String.class).getParameters()) {
            if (p.getAnnotation(QueryParam.class).value().equals(queryName)) {
                return p;
            }
        }
        throw new AssertionError("no @QueryParam " + queryName);
    }

    private static boolean accepts(String queryName, String value) throws NoSuchMethodException {
        String regexp = parameter(queryName).getAnnotation(Pattern.class).regexp();
        return java.util.regex.Pattern.matches(regexp, value);
    }

    @Test
    void pageDefaultsToOneAndAcceptsAnyPositiveWholeNumber() throws Exception {
        assertEquals("1", parameter("page").getAnnotation(DefaultValue.class).value());
        for (String ok : new String[] {"1", "2", "26", "999999999"}) {
            assertTrue(accepts("page", ok), ok);
        }
    }

    @Test
    void pageRefusesZeroNegativesAndAnythingNotANumber() throws Exception {
        for (String bad : new String[] {"0", "-1", "", "abc", "1.5", "01", " 1", "1000000000"}) {
            assertFalse(accepts("page", bad), bad);
        }
    }

    @Test
    void sizeDefaultsToTenAndAcceptsOneToOneHundred() throws Exception {
        assertEquals("10", parameter("size").getAnnotation(DefaultValue.class).value());
        for (int size = 1; size <= ItemsResource.MAX_SIZE; size++) {
            assertTrue(accepts("size", Integer.toString(size)), Integer.toString(size));
        }
    }

    @Test
    void sizeRefusesOutOfRangeAndAnythingNotANumber() throws Exception {
        for (String bad : new String[] {"0", "101", "1000", "-5", "", "ten", "010"}) {
            assertFalse(accepts("size", bad), bad);
        }
    }
}
