package dev.tollgate.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP/1.1 over a plain socket, for the requests {@code java.net.http.HttpClient} refuses to send: a {@code Host} of
 * our choice (or two, or none), repeated headers, bytes that are not ASCII, paths that are not valid URIs (such as
 * {@code %ZZ}), and a loopback source address of our choice (Linux routes all of 127.0.0.0/8 to lo), so that one
 * test can be several clients. One request per connection ({@code Connection: close}); the answer is read to the
 * end of the stream.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 30_000;
    /** Enough of the body for assertions; the rest is read and dropped. */
    private static final int MAX_KEPT_BODY = 64 * 1024;

    private final List<String[]> headers = new ArrayList<>();
    private final String method;
    private final String target;
    private byte[] body = new byte[0];
    private boolean defaultHost = true;
    private String sourceAddress = "127.0.0.1";

    private RawHttp(String method, String target) {
        this.method = method;
        this.target = target;
    }

    /** @param target the request target as sent: a path with its query, not checked or encoded */
    public static RawHttp request(String method, String target) {
        return new RawHttp(method, target);
    }

    /** Adds a header line as it is; a value's chars above 0x7F are sent as UTF-8 bytes. */
    public RawHttp header(String name, String value) {
        if (name.equalsIgnoreCase("Host")) {
            defaultHost = false;
        }
        headers.add(new String[] {name, value});
        return this;
    }

    /** Sends no {@code Host} of its own: the headers hold whatever Host lines the test wants, or none. */
    public RawHttp withoutDefaultHost() {
        defaultHost = false;
        return this;
    }

    /** Sends from this loopback address (e.g. {@link #randomLoopback()}) instead of 127.0.0.1. */
    public RawHttp from(String loopbackAddress) {
        sourceAddress = loopbackAddress;
        return this;
    }

    /** A loopback address no other test uses: 127.x.y.z with x at least 10. */
    public static String randomLoopback() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(10, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }

    /** A body, with its {@code Content-Length}. */
    public RawHttp body(String text) {
        body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** The answer of the IT server ({@link LibertyServer#baseUrl()}). */
    public Answer send() {
        URI base = URI.create(LibertyServer.baseUrl());
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        line(request, method + " " + target + " HTTP/1.1");
        if (defaultHost) {
            line(request, "Host: " + base.getHost() + ":" + base.getPort());
        }
        for (String[] header : headers) {
            line(request, header[0] + ": " + header[1]);
        }
        if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
            line(request, "Content-Length: " + body.length);
        }
        line(request, "Connection: close");
        line(request, "");
        request.writeBytes(body);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(sourceAddress, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return Answer.read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + abbreviate(target) + ": " + e.getMessage(), e);
        }
    }

    private static void line(ByteArrayOutputStream out, String line) {
        out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'\r', '\n'});
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    /**
     * A response: its status, its headers (names in lower case, every value), and the start of its body as UTF-8
     * text, de-chunked.
     */
    public record Answer(int status, Map<String, List<String>> headers, String body) {

        /** The first value of the header; null when there is none. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        /** Every value of the header, in order (e.g. each {@code Set-Cookie}). */
        public List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        static Answer read(InputStream in) throws IOException {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                kept.write(buffer, 0, Math.min(n, Math.max(0, MAX_KEPT_BODY - kept.size())));
            }
            String text = kept.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String[] lines = head.split("\r\n");
            if (lines.length == 0 || !lines[0].startsWith("HTTP/1.")) {
                throw new IOException("no HTTP status line: " + abbreviate(text));
            }
            int status = Integer.parseInt(lines[0].substring(9, 12));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
                }
            }
            // Read as ISO-8859-1, one char per byte, so that chunk sizes count bytes; the body is then UTF-8.
            String body = end < 0 ? "" : text.substring(end + 4);
            boolean chunked = headers.getOrDefault("transfer-encoding", List.of()).stream()
                    .anyMatch("chunked"::equalsIgnoreCase);
            String bytes = chunked ? dechunk(body) : body;
            return new Answer(status, headers,
                    new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }

        /** RFC 9112 §7.1: size line, data, CRLF, until the last (empty) chunk; trailers dropped. */
        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (at < chunked.length()) {
                int lineEnd = chunked.indexOf("\r\n", at);
                if (lineEnd < 0) {
                    break;
                }
                String sizeField = chunked.substring(at, lineEnd);
                int semicolon = sizeField.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeField : sizeField.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    break;
                }
                int dataEnd = Math.min(chunked.length(), lineEnd + 2 + size);
                body.append(chunked, lineEnd + 2, dataEnd);
                at = dataEnd + 2;
            }
            return body.toString();
        }
    }
}
