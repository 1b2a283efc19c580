package dev.tollgate.impl.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A JWK set read from a local file ({@code tollgate.gate.jwks-file}): read once at start, and read again whenever the
 * file's modification time or size changes. A file that cannot be read or parsed later on keeps the last good set.
 * Only public keys are kept, even if the file holds private ones.
 */
final class FileJWKSource implements JWKSource<SecurityContext> {

    private static final Logger LOG = Logger.getLogger(FileJWKSource.class.getName());

    private record Loaded(JWKSet keys, FileTime modified, long size) {
    }

    private final Path path;
    private volatile Loaded loaded;
    /** The version (mtime, size) last seen broken, so that a broken file is not re-parsed on every request. */
    private volatile Loaded failed;

    /**
     * @throws IOException when the file cannot be read
     * @throws ParseException when it is not a JWK set
     */
    FileJWKSource(Path path) throws IOException, ParseException {
        this.path = path;
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        this.loaded = load(attributes.lastModifiedTime(), attributes.size());
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(current());
    }

    JWKSet current() {
        Loaded current = loaded;
        FileTime modified;
        long size;
        try {
            // One stat per look: the file is checked on every key lookup, i.e. for every token not yet cached.
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            modified = attributes.lastModifiedTime();
            size = attributes.size();
        } catch (IOException e) {
            LOG.log(Level.FINE, "JWK set file not readable; keeping the last good set");
            return current.keys();
        }
        if (modified.equals(current.modified()) && size == current.size()) {
            return current.keys();
        }
        Loaded broken = failed;
        if (broken != null && modified.equals(broken.modified()) && size == broken.size()) {
            return current.keys();
        }
        synchronized (this) {
            if (loaded != current) {
                return loaded.keys();
            }
            try {
                loaded = load(modified, size);
                failed = null;
                LOG.info(() -> "Tollgate gate: reloaded the JWK set file " + path + " (" + loaded.keys().size()
                        + " keys)");
                return loaded.keys();
            } catch (IOException | ParseException | RuntimeException e) {
                failed = new Loaded(current.keys(), modified, size);
                LOG.warning(() -> "Tollgate gate: the JWK set file " + path + " changed but cannot be read as a JWK"
                        + " set (" + e.getClass().getSimpleName() + "); keeping the last good set");
                return current.keys();
            }
        }
    }

    private Loaded load(FileTime modified, long size) throws IOException, ParseException {
        JWKSet keys = JWKSet.parse(Files.readString(path)).toPublicJWKSet();
        return new Loaded(Objects.requireNonNull(keys), modified, size);
    }
}
