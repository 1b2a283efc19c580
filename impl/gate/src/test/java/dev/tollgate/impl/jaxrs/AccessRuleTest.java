package dev.tollgate.impl.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.RequiresScope;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessRuleTest {

    static class Open {
        public void plain() {
        }

        @PermitAll
        public void permitted() {
        }

        @RequiresScope({"reports:read", "reports:export"})
        public void scoped() {
        }

        @RolesAllowed("admin")
        @RequiresScope("stats:read")
        public void both() {
        }

        @DenyAll
        public void denied() {
        }

        @RolesAllowed({})
        public void noRoleAllowed() {
        }
    }

    @RolesAllowed("staff")
    @RequiresScope("items:read")
    static class Guarded {
        public void inherited() {
        }

        @RolesAllowed("admin")
        public void ownRole() {
        }

        @RequiresScope("items:write")
        public void ownScope() {
        }

        @PermitAll
        public void opened() {
        }

        @DenyAll
        @PermitAll
        public void contradictory() {
        }
    }

    @DenyAll
    static class Closed {
        public void inherited() {
        }

        @RolesAllowed("admin")
        public void reopened() {
        }
    }

    static class GuardedChild extends Guarded {
        public void childMethod() {
        }
    }

    private static Optional<AccessRule> rule(Class<?> type, String method) throws NoSuchMethodException {
        return AccessRule.of(type, type.getMethod(method));
    }

    private static AccessRule required(Class<?> type, String method) throws NoSuchMethodException {
        return rule(type, method).orElseThrow();
    }

    @Test
    void methodWithoutAnnotationsOnAnOpenClassHasNoRule() throws Exception {
        assertTrue(rule(Open.class, "plain").isEmpty());
        assertTrue(rule(Open.class, "permitted").isEmpty());
    }

    @Test
    void requiresScopeDemandsEveryScopeOfAnAuthenticatedCaller() throws Exception {
        AccessRule rule = required(Open.class, "scoped");

        assertEquals(List.of("reports:read", "reports:export"), rule.scopes());
        assertEquals(List.of(), rule.roles());
        assertTrue(rule.authenticated());
    }

    @Test
    void rolesAndScopesOnOneMethodBothApply() throws Exception {
        AccessRule rule = required(Open.class, "both");

        assertEquals(List.of("admin"), rule.roles());
        assertEquals(List.of("stats:read"), rule.scopes());
    }

    @Test
    void denyAllAndEmptyRolesAllowedDenyEveryone() throws Exception {
        assertTrue(required(Open.class, "denied").denyAll());
        assertTrue(required(Open.class, "noRoleAllowed").denyAll());
    }

    @Test
    void classAnnotationsApplyToMethodsWithoutTheirOwn() throws Exception {
        AccessRule rule = required(Guarded.class, "inherited");

        assertEquals(List.of("staff"), rule.roles());
        assertEquals(List.of("items:read"), rule.scopes());
    }

    @Test
    void methodRoleReplacesTheClassRoleAndKeepsTheClassScope() throws Exception {
        AccessRule rule = required(Guarded.class, "ownRole");

        assertEquals(List.of("admin"), rule.roles());
        assertEquals(List.of("items:read"), rule.scopes());
    }

    @Test
    void methodScopeReplacesTheClassScopeAndKeepsTheClassRole() throws Exception {
        AccessRule rule = required(Guarded.class, "ownScope");

        assertEquals(List.of("staff"), rule.roles());
        assertEquals(List.of("items:write"), rule.scopes());
    }

    @Test
    void methodPermitAllOpensTheMethodDespiteTheClass() throws Exception {
        assertTrue(rule(Guarded.class, "opened").isEmpty());
    }

    @Test
    void contradictoryMethodAnnotationsResolveToTheStrictest() throws Exception {
        assertTrue(required(Guarded.class, "contradictory").denyAll());
    }

    @Test
    void classDenyAllHoldsUnlessTheMethodSaysOtherwise() throws Exception {
        assertTrue(required(Closed.class, "inherited").denyAll());
        assertEquals(List.of("admin"), required(Closed.class, "reopened").roles());
    }

    @Test
    void inheritedRequiresScopeOfASuperclassApplies() throws Exception {
        assertEquals(List.of("items:read"), required(GuardedChild.class, "childMethod").scopes());
    }
}
