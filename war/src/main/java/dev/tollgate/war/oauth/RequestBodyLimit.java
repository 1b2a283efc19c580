package dev.tollgate.war.oauth;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a request body over {@value #MAX_BYTES} bytes before it is read into memory: the protocol endpoints read
 * their form or JSON body as one string, and JSON-B reads a whole document, so without a bound one large request
 * could exhaust the heap. A declared {@code Content-Length} over the bound is refused without reading; a chunked body
 * is counted as it is read and refused once past it.
 *
 * <p>The answer follows the path's error format ({@link ProtocolPaths}): the OAuth {@code invalid_request} (400) on
 * the protocol endpoints, else the problem {@code payload-too-large} (413). Every body this server expects is a few
 * kilobytes (the protocol's own limit is 64 KiB), so the bound is far from any legitimate request.
 *
 * <p>It runs outside every other reader interceptor, so that whatever a reader makes of the cut-off stream (a parse
 * error, a wrapped I/O error), the answer is this one.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Priority(Priorities.ENTITY_CODER - 100)
public class RequestBodyLimit implements ReaderInterceptor {

    /** 1 MiB. */
    public static final int MAX_BYTES = 1 << 20;

    @Context
    UriInfo uriInfo;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String declared = context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declaredTooLarge(declared)) {
            throw tooLarge();
        }
        LimitedStream limited = new LimitedStream(context.getInputStream());
        context.setInputStream(limited);
        try {
            return context.proceed();
        } catch (RuntimeException | IOException e) {
            if (limited.exceeded) {
                throw tooLarge();
            }
            throw e;
        }
    }

    private static boolean declaredTooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false; // the container rejects a malformed Content-Length before we are called
        }
    }

    private RuntimeException tooLarge() {
        String detail = "The request body is larger than " + (MAX_BYTES >> 10) + " KiB.";
        if (ProtocolPaths.answersOAuthErrors(ProtocolPaths.pathOf(uriInfo))) {
            return new OAuthException(OAuthError.INVALID_REQUEST, detail);
        }
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, detail);
    }

    /** Reads up to {@value #MAX_BYTES} bytes, then fails (and remembers it failed). */
    private static final class LimitedStream extends FilterInputStream {

        private long remaining = MAX_BYTES;
        private volatile boolean exceeded;

        LimitedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long bytes) throws IOException {
            remaining -= bytes;
            if (remaining < 0) {
                exceeded = true;
                throw new IOException("request body over " + MAX_BYTES + " bytes");
            }
        }
    }
}
