package dev.arbiter.desktop.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.arbiter.core.mcp.PinnedTool;
import dev.arbiter.core.policy.PolicyDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A pinned tool's accepted and current versions as a reviewer reads them: the description one sentence
 * a line (a poisoned sentence added to a long description stands out as one added line, not one changed
 * paragraph) and the input schema pretty-printed with sorted keys, compared line by line.
 */
public final class ToolChangeText {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A sentence ends at . ! or ? followed by white space; line breaks the server sent are kept. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])[ \\t]+");

    private ToolChangeText() {
    }

    /** The accepted version (left) against the one seen last (right). */
    public static PolicyDiff diff(PinnedTool tool) {
        return PolicyDiff.between(text(tool.acceptedDescription(), tool.acceptedSchema()),
                text(tool.description(), tool.schema()));
    }

    /** One version as lines: "Description:", its sentences, a blank line, "Input schema:", the schema. */
    static String text(String description, String schema) {
        List<String> lines = new ArrayList<>();
        lines.add("Description:");
        for (String line : description.split("\\R", -1)) {
            for (String sentence : SENTENCE_END.split(line)) {
                lines.add("  " + sentence);
            }
        }
        lines.add("");
        lines.add("Input schema:");
        for (String line : pretty(schema).split("\\R")) {
            lines.add("  " + line);
        }
        return String.join("\n", lines);
    }

    /** Pretty JSON; a schema cut at the kept length (or not recorded) is shown as it is. */
    private static String pretty(String schema) {
        if (schema.isEmpty()) {
            return "(not recorded: pinned by an older Arbiter; the fingerprint still covers it)";
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(schema));
        } catch (JsonProcessingException e) {
            return schema;
        }
    }
}
