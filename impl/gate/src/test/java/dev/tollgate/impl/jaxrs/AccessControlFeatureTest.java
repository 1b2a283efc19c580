package dev.tollgate.impl.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.RequiresScope;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessControlFeatureTest {

    public static class Resource {
        @RequiresScope("reports:read")
        public String reports() {
            return "";
        }

        public String status() {
            return "";
        }
    }

    private record Registration(Object provider, int priority) {
    }

    private static List<Registration> configure(String method) throws NoSuchMethodException {
        Method resourceMethod = Resource.class.getMethod(method);
        ResourceInfo info = Fakes.proxy(ResourceInfo.class, (name, args) -> switch (name) {
            case "getResourceClass" -> Resource.class;
            case "getResourceMethod" -> resourceMethod;
            default -> throw new UnsupportedOperationException(name);
        });
        List<Registration> registrations = new ArrayList<>();
        FeatureContext context = Fakes.proxy(FeatureContext.class, (name, args) -> {
            if (name.equals("register") && args.length == 2 && args[1] instanceof Integer priority) {
                registrations.add(new Registration(args[0], priority));
                return null;
            }
            throw new UnsupportedOperationException(name);
        });
        new AccessControlFeature().configure(info, context);
        return registrations;
    }

    @Test
    void annotatedMethodGetsTheFilterAtAuthorizationPriority() throws Exception {
        List<Registration> registrations = configure("reports");

        assertEquals(1, registrations.size());
        assertEquals(Priorities.AUTHORIZATION, registrations.get(0).priority());
        AccessControlFilter filter = assertInstanceOf(AccessControlFilter.class, registrations.get(0).provider());
        assertEquals(List.of("reports:read"), filter.rule().scopes());
    }

    @Test
    void unannotatedMethodGetsNoFilter() throws Exception {
        assertTrue(configure("status").isEmpty());
    }
}
