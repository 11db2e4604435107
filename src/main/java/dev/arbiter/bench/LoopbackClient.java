package dev.arbiter.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client on one kept-alive connection, for the gateway
 * benchmark: it shares the machine with the server, so it should cost as
 * little CPU as possible (a general client spends more than the server it
 * measures). Handles exactly what the gateway sends: a status line, headers
 * and a Content-Length body. Not thread-safe; one per client thread.
 */
final class LoopbackClient implements AutoCloseable {

    /** A response: status and body text. */
    record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    /** Header lines sent with every request (Host, Authorization), each ending in CRLF. */
    private final String fixedHeaders;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    /** A client sending {@code Authorization: Bearer token} (none when {@code token} is null). */
    LoopbackClient(String host, int port, String token) {
        this(host, port, token, "");
    }

    /**
     * A client that also sends {@code extraHeaders} (complete lines, each
     * ending in CRLF) with every request, e.g. an {@code Origin} a browser
     * would add, for the hostile-traffic benchmark.
     */
    LoopbackClient(String host, int port, String token, String extraHeaders) {
        this.host = host;
        this.port = port;
        this.fixedHeaders = (extraHeaders.regionMatches(true, 0, "Host:", 0, 5) ? "" : "Host: " + host + ":" + port
                + "\r\n") + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + extraHeaders;
    }

    Response post(String path, byte[] json) throws IOException {
        byte[] head = ("POST " + path + " HTTP/1.1\r\n" + fixedHeaders
                + "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return exchange(head, json);
    }

    Response get(String path) throws IOException {
        byte[] head = ("GET " + path + " HTTP/1.1\r\n" + fixedHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return exchange(head, new byte[0]);
    }

    private Response exchange(byte[] head, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        try {
            out.write(request);
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Response read() throws IOException {
        String status = line();
        if (status == null || status.length() < 12) {
            throw new IOException("the server closed the connection");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean close = false;
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Integer.parseInt(value);
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length");
        }
        byte[] body = in.readNBytes(length);
        if (close) {
            close();
        }
        return new Response(code, new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = b.size();
                byte[] bytes = b.toByteArray();
                return new String(bytes, 0, n > 0 && bytes[n - 1] == '\r' ? n - 1 : n, StandardCharsets.US_ASCII);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
