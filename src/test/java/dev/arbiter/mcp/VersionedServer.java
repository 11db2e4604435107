package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A minimal stdio MCP server speaking the protocol versions named on its
 * command line (newest first), negotiating as the specification says: the
 * asked version when it has it, else its newest. It reports the version it
 * was asked for as its {@code serverInfo.name} so a test can see what the
 * proxy passed on, and has one tool, {@code echo}. The npm servers cannot
 * stand in here: none speaks 2026-07-28 yet.
 */
public final class VersionedServer {

    private VersionedServer() {
    }

    /** The command that runs this server in a new JVM, speaking {@code versions}. */
    static List<String> command(String... versions) {
        List<String> command = new java.util.ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VersionedServer.class.getName()));
        command.addAll(List.of(versions));
        return command;
    }

    public static void main(String[] versions) throws Exception {
        ObjectMapper json = new ObjectMapper();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            JsonNode message = json.readTree(line);
            if (!message.has("id") || !message.has("method")) {
                continue;
            }
            ObjectNode answer = json.createObjectNode().put("jsonrpc", "2.0");
            answer.set("id", message.get("id"));
            ObjectNode result = answer.putObject("result");
            switch (message.get("method").asText()) {
                case "initialize" -> {
                    String asked = message.path("params").path("protocolVersion").asText();
                    result.put("protocolVersion", List.of(versions).contains(asked) ? asked : versions[0]);
                    result.putObject("capabilities").putObject("tools");
                    result.putObject("serverInfo").put("name", "asked:" + asked).put("version", "1");
                }
                case "tools/list" -> result.putArray("tools").addObject().put("name", "echo")
                        .put("description", "Echoes its message").putObject("inputSchema").put("type", "object");
                case "tools/call" -> result.putArray("content").addObject().put("type", "text")
                        .put("text", "echo: " + message.path("params").path("arguments").path("message").asText());
                default -> {
                    answer.remove("result");
                    answer.putObject("error").put("code", -32601).put("message", "Method not found");
                }
            }
            out.println(json.writeValueAsString(answer));
        }
    }
}
