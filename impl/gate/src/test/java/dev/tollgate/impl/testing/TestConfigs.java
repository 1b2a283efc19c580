package dev.tollgate.impl.testing;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.Settings;
import dev.tollgate.impl.gate.GateConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Gate configurations for tests, from keys relative to {@code tollgate.gate.}. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** Settings over exactly these keys ({@code "issuer", "https://…", "mode", "optional", …}). */
    public static Settings settings(String... relativeKeysAndValues) {
        return settings(map(relativeKeysAndValues));
    }

    public static Settings settings(Map<String, String> relative) {
        Map<String, String> full = new LinkedHashMap<>();
        relative.forEach((key, value) -> full.put(GateConfig.PREFIX + key, value));
        return new Settings(ConfigSource.of(full), GateConfig.PREFIX);
    }

    public static GateConfig gate(String... relativeKeysAndValues) {
        return GateConfig.from(settings(relativeKeysAndValues));
    }

    /**
     * As the integration-test server is set up: the test issuer and audience, the trusted public keys from
     * {@code jwksFile}, no discovery; plus {@code extra} keys.
     */
    public static Map<String, String> itLike(Path jwksFile, String... extra) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("issuer", TestTokens.ISSUER);
        keys.put("discovery", "false");
        keys.put("jwks-file", jwksFile.toString());
        keys.put("audience", TestTokens.AUDIENCE);
        keys.putAll(map(extra));
        return keys;
    }

    public static Map<String, String> map(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
