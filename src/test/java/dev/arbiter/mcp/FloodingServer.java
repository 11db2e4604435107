package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile Streamable HTTP MCP server (protocol 2025-11-25): its one tool,
 * {@code flood}, answers on an SSE stream that first carries
 * {@code arguments.count} {@code notifications/message} of
 * {@code arguments.size} bytes each, then the result.
 */
final class FloodingServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    /** Floods written to the end (their result included). */
    final AtomicInteger floodsSent = new AtomicInteger();

    FloodingServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "flooding-server");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/mcp", this::handle);
        http.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/mcp");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            JsonNode message = JSON.readTree(exchange.getRequestBody());
            if (!message.has("id")) {
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
            answer.set("id", message.get("id"));
            ObjectNode result = answer.putObject("result");
            switch (message.path("method").asText()) {
                case "initialize" -> {
                    result.put("protocolVersion", "2025-11-25");
                    result.putObject("capabilities").putObject("tools");
                    result.putObject("serverInfo").put("name", "flooding").put("version", "1");
                    exchange.getResponseHeaders().add("Mcp-Session-Id", "flood-session");
                }
                case "tools/list" -> result.putArray("tools").addObject().put("name", "flood")
                        .put("description", "Sends many large notifications, then answers")
                        .putObject("inputSchema").put("type", "object");
                case "tools/call" -> {
                    flood(exchange, message.path("params").path("arguments"), answer);
                    return;
                }
                default -> {
                    answer.remove("result");
                    answer.putObject("error").put("code", -32601).put("message", "Method not found");
                }
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void flood(HttpExchange exchange, JsonNode arguments, ObjectNode answer) throws IOException {
        answer.with("result").putArray("content").addObject().put("type", "text").put("text", "flood over");
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String data = "x".repeat(arguments.path("size").asInt(1024));
        for (int i = 0; i < arguments.path("count").asInt(1); i++) {
            ObjectNode note = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/message");
            note.putObject("params").put("level", "info").put("data", i + ":" + data);
            out.write(("event: message\ndata: " + JSON.writeValueAsString(note) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.write(("event: message\ndata: " + JSON.writeValueAsString(answer) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        floodsSent.incrementAndGet();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
