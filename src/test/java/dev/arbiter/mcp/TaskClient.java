package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The official TypeScript MCP SDK's {@code Client} (npm
 * {@code @modelcontextprotocol/sdk}), a client that supports MCP tasks,
 * which the Java SDK does not: run by node as
 * {@code src/test/mcp-servers/task-client.mjs} over Streamable HTTP, driven
 * by one JSON command per line. Every line it answers is kept, in order.
 */
final class TaskClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process node;
    private final OutputStream commands;
    private final List<JsonNode> lines = new CopyOnWriteArrayList<>();
    private final AtomicInteger refs = new AtomicInteger();
    private final Duration wait;

    /** Starts the client for {@code endpoint} and connects it (initialize); its stderr goes to {@code log}. */
    TaskClient(URI endpoint, Path log, Duration wait) throws Exception {
        this.wait = wait;
        node = new ProcessBuilder(NpmMcpServers.script("task-client.mjs", endpoint.toString()))
                .redirectError(log.toFile()).start();
        commands = node.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(JSON.readTree(line));
                }
            } catch (IOException e) {
                // node ended
            }
        }, "task-client-reader");
        reader.setDaemon(true);
        reader.start();
        call("connect", JSON.createObjectNode());
    }

    /** Sends command {@code op} with {@code args}; its reference, to find its answer and events by. */
    int send(String op, ObjectNode args) throws IOException {
        int ref = refs.incrementAndGet();
        ObjectNode command = args.deepCopy().put("op", op).put("ref", ref);
        synchronized (commands) {
            commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            commands.flush();
        }
        return ref;
    }

    /** Runs {@code op} and returns its value; fails the test with the SDK's error when it failed. */
    JsonNode call(String op, ObjectNode args) throws IOException {
        JsonNode answer = answer(send(op, args));
        if (!answer.path("ok").asBoolean()) {
            throw new AssertionError(op + " failed in the SDK client: " + answer.path("error"));
        }
        return answer.path("value");
    }

    /** The answer to command {@code ref} ({@code ok}, and {@code value} or {@code error}), waiting for it. */
    JsonNode answer(int ref) {
        return first(l -> l.path("ref").asInt(-1) == ref && l.has("ok"));
    }

    /** The first event {@code type} of the task-augmented call {@code ref} ({@code callToolStream}), waiting for it. */
    JsonNode event(int ref, String type) {
        return first(l -> l.path("ref").asInt(-1) == ref && type.equals(l.path("event").asText()));
    }

    /** Every event of call {@code ref} so far. */
    List<JsonNode> events(int ref) {
        return lines.stream().filter(l -> l.path("ref").asInt(-1) == ref && l.has("event")).toList();
    }

    /** Every notification with {@code method} received so far. */
    List<JsonNode> notifications(String method) {
        return lines.stream().filter(l -> method.equals(l.path("notification").asText())).toList();
    }

    private JsonNode first(Predicate<JsonNode> match) {
        return Awaitility.await().atMost(wait).until(() -> lines.stream().filter(match).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    static ObjectNode args() {
        return JSON.createObjectNode();
    }

    static ObjectNode tool(String name, String argumentsJson) throws IOException {
        ObjectNode args = args().put("name", name);
        args.set("arguments", JSON.readTree(argumentsJson));
        return args;
    }

    @Override
    public void close() throws Exception {
        commands.close(); // the script finishes what runs, closes its session, and exits
        if (!node.waitFor(10, TimeUnit.SECONDS)) {
            node.destroyForcibly();
        }
    }
}
