package dev.tollgate.impl.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.server.store.PageRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageParametersTest {

    @Test
    void absentParametersAreTheDefaults() {
        assertEquals(new PageRequest(1, 10), PageParameters.parse(null, null));
        assertEquals(new PageRequest(3, 100), PageParameters.parse("3", "100"));
    }

    @Test
    void outOfRangeIsAValidationProblemNamingEachParameter() {
        ProblemException problem = assertThrows(ProblemException.class, () -> PageParameters.parse("0", "101"));
        assertEquals(ProblemType.VALIDATION, problem.problemType());
        assertEquals(Set.of("page", "size"), problem.errors().keySet());
        assertEquals(Set.of("size"), assertThrows(ProblemException.class,
                () -> PageParameters.parse("1", "abc")).errors().keySet());
        assertEquals(Set.of("page"), assertThrows(ProblemException.class,
                () -> PageParameters.parse("-1", "5")).errors().keySet());
    }
}
