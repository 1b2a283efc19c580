package dev.tollgate.war.metrics;

import dev.tollgate.api.error.OAuthError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Observes the token endpoint for {@link ServerMetrics}: tokens issued by grant and client, refusals by
 * {@code error}, and the latency. It only watches: the request body is read once here (at most
 * {@value #PEEK_BYTES} bytes; the rest streams on untouched) and handed on byte for byte, and the first bytes of an
 * error answer are copied as they are written. Nothing of the request but {@code grant_type} and the client id is
 * looked at, and the client id only of a request the endpoint granted (so that unknown ids never become labels).
 * Does nothing when the metrics are off.
 */
@WebFilter(filterName = "TokenMetricsFilter", urlPatterns = "/oauth2/token")
public class TokenMetricsFilter extends HttpFilter {

    static final int PEEK_BYTES = 8192;
    private static final int ERROR_BYTES = 256;

    private static final Set<String> GRANTS = Set.of("authorization_code", "client_credentials", "password",
            "refresh_token");
    private static final Set<String> ERRORS = Arrays.stream(OAuthError.values()).map(OAuthError::code)
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern FORM_GRANT = Pattern.compile("(?:^|&)grant_type=([^&]*)");
    private static final Pattern FORM_CLIENT = Pattern.compile("(?:^|&)client_id=([^&]*)");
    private static final Pattern JSON_GRANT = Pattern.compile("\"grant_type\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern JSON_CLIENT = Pattern.compile("\"client_id\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([a-z_]+)\"");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ServerMetrics metrics = ServerMetrics.current();
        if (!metrics.enabled() || !"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        long started = System.nanoTime();
        InputStream body = request.getInputStream();
        byte[] peeked = body.readNBytes(PEEK_BYTES);
        ErrorCopy copy = new ErrorCopy(response);
        chain.doFilter(new Replayed(request, peeked, body), copy);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (copy.getStatus() == HttpServletResponse.SC_OK) {
            String text = new String(peeked, StandardCharsets.ISO_8859_1);
            boolean json = String.valueOf(request.getContentType()).toLowerCase(Locale.ROOT).contains("json");
            String grant = first(json ? JSON_GRANT : FORM_GRANT, text, !json);
            metrics.tokenIssued(GRANTS.contains(grant) ? grant : "other",
                    client(request.getHeader("Authorization"), first(json ? JSON_CLIENT : FORM_CLIENT, text, !json)),
                    took);
        } else {
            Matcher error = ERROR.matcher(copy.copied());
            String code = error.find() ? error.group(1) : "";
            metrics.tokenRefused(ERRORS.contains(code) ? code : "other", took);
        }
    }

    /** The client of a granted request: HTTP Basic's user (RFC 6749 §2.3.1: form-encoded), else the body's. */
    private static String client(String authorization, String fromBody) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    return URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                return "unknown";
            }
        }
        return fromBody.isEmpty() ? "unknown" : fromBody;
    }

    private static String first(Pattern pattern, String text, boolean formEncoded) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return "";
        }
        String value = matcher.group(1);
        try {
            return formEncoded ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The request with its body put back: the peeked bytes, then the rest of the stream. */
    private static final class Replayed extends HttpServletRequestWrapper {

        private final ServletInputStream replay;

        Replayed(HttpServletRequest request, byte[] peeked, InputStream rest) {
            super(request);
            InputStream joined = new SequenceInputStream(new ByteArrayInputStream(peeked), rest);
            this.replay = new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = joined.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = joined.read(buffer, offset, length);
                    finished = n < 0;
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("not asynchronous");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return replay;
        }
    }

    /** The response, with a copy of the first bytes of an error answer (for its {@code error} member). */
    private static final class ErrorCopy extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private ServletOutputStream stream;

        ErrorCopy(HttpServletResponse response) {
            super(response);
        }

        String copied() {
            return copy.toString(StandardCharsets.UTF_8);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream out = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        keep(new byte[] {(byte) b}, 0, 1);
                        out.write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        keep(bytes, offset, length);
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void flush() throws IOException {
                        out.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        out.close();
                    }

                    @Override
                    public boolean isReady() {
                        return out.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        out.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        private void keep(byte[] bytes, int offset, int length) {
            if (getStatus() >= 400 && copy.size() < ERROR_BYTES) {
                copy.write(bytes, offset, Math.min(length, ERROR_BYTES - copy.size()));
            }
        }
    }
}
