package dev.tollgate.it.support;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The JAX-RS resource methods of an application, found by reflection over every class in the jar (or classes folder)
 * that holds a given class: {@code @Path} classes, their public methods with an HTTP method designator
 * ({@code @GET}, {@code @POST}, ... any annotation meta-annotated with {@code @HttpMethod}), and the path of each,
 * {@code @ApplicationPath} + class {@code @Path} + method {@code @Path}.
 */
public final class JaxRsResources {

    /**
     * One resource method.
     *
     * @param httpMethod e.g. {@code GET}
     * @param path       the full path as declared, e.g. {@code /oauth2/register/{clientId}}
     * @param javaMethod {@code Class#method}, for messages
     */
    public record Endpoint(String httpMethod, String path, String javaMethod) {

        /** The path with every template, {@code {id}} or {@code {id: [0-9]+}}, as {@code {}}. */
        public String normalizedPath() {
            return normalize(path);
        }
    }

    /**
     * What the scan found.
     *
     * @param endpoints the resource methods
     * @param locators  sub-resource locators ({@code @Path} without an HTTP method), whose methods a scan cannot list
     */
    public record Scan(List<Endpoint> endpoints, List<String> locators) {
    }

    private JaxRsResources() {
    }

    /** Every resource method of the classes that sit beside {@code anchor} (its jar or classes folder). */
    public static Scan beside(Class<?> anchor) {
        List<Class<?>> classes = classesBeside(anchor);
        String applicationPath = classes.stream()
                .map(type -> type.getAnnotation(ApplicationPath.class))
                .filter(java.util.Objects::nonNull)
                .map(ApplicationPath::value)
                .reduce((a, b) -> {
                    throw new IllegalStateException("more than one @ApplicationPath: " + a + ", " + b);
                })
                .orElse("");
        List<Endpoint> endpoints = new ArrayList<>();
        List<String> locators = new ArrayList<>();
        for (Class<?> type : classes) {
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String name = type.getName() + '#' + method.getName();
                Path methodPath = method.getAnnotation(Path.class);
                List<String> designators = httpMethods(method);
                if (designators.isEmpty() && methodPath != null) {
                    locators.add(name);
                }
                String path = join(applicationPath, classPath.value(), methodPath == null ? "" : methodPath.value());
                for (String httpMethod : designators) {
                    endpoints.add(new Endpoint(httpMethod, path, name));
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::httpMethod));
        return new Scan(List.copyOf(endpoints), List.copyOf(locators));
    }

    /**
     * {@code /a/{id}/b/{name: [a-z]{2,3}}} → {@code /a/{}/b/{}}: templates compared by position only, since the
     * parameter names and regular expressions need not match between the code and a document.
     */
    public static String normalize(String path) {
        StringBuilder out = new StringBuilder(path.length());
        int depth = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '{') {
                if (depth++ == 0) {
                    out.append("{}");
                }
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        String normalized = ("/" + out).replaceAll("/{2,}", "/");
        return normalized.length() > 1 && normalized.endsWith("/")
                ? normalized.substring(0, normalized.length() - 1) : normalized;
    }

    private static String join(String... segments) {
        return normalizeSlashes(String.join("/", segments));
    }

    private static String normalizeSlashes(String path) {
        String joined = ("/" + path).replaceAll("/{2,}", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static List<String> httpMethods(Method method) {
        List<String> methods = new ArrayList<>();
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod designator = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null) {
                methods.add(designator.value());
            }
        }
        return methods;
    }

    private static List<Class<?>> classesBeside(Class<?> anchor) {
        java.nio.file.Path location;
        try {
            location = java.nio.file.Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> names;
        try {
            names = Files.isDirectory(location) ? classNamesInFolder(location) : classNamesInJar(location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClassLoader loader = anchor.getClassLoader();
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + name + " from " + location, e);
            }
        }
        return classes;
    }

    private static List<String> classNamesInFolder(java.nio.file.Path folder) throws IOException {
        try (Stream<java.nio.file.Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> folder.relativize(file).toString().replace(java.io.File.separatorChar, '/'))
                    .map(JaxRsResources::className)
                    .filter(JaxRsResources::isOrdinaryClass)
                    .sorted()
                    .toList();
        }
    }

    private static List<String> classNamesInJar(java.nio.file.Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream()
                    .map(java.util.zip.ZipEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/"))
                    .map(JaxRsResources::className)
                    .filter(JaxRsResources::isOrdinaryClass)
                    .sorted()
                    .toList();
        }
    }

    private static String className(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }

    private static boolean isOrdinaryClass(String name) {
        return !name.endsWith("package-info") && !name.endsWith("module-info");
    }
}
