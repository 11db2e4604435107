package dev.arbiter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.policyqa.ChangedDecision;
import dev.arbiter.core.policyqa.RecordedRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Every changed decision of a replay as one JSON object a line (JSON Lines), streamed to a file as the replay
 * finds it: the full list, which a report only keeps examples of. Fields: {@code seq}, {@code trace_id},
 * {@code at}, {@code agent_id}, {@code action}, {@code kind} (deny_to_allow, allow_to_deny, tier_up, tier_down,
 * reason_changed), {@code was} and {@code now} (each {@code decision}, {@code tier}, {@code reason_code}; {@code now}
 * also {@code reason}).
 */
final class ChangesFile implements Consumer<ChangedDecision>, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter out;
    private long written;

    /** @throws IOException when the file cannot be created (the message names it) */
    ChangesFile(Path file) throws IOException {
        this.file = file;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void accept(ChangedDecision c) {
        RecordedRequest r = c.recorded();
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", r.seq());
        n.put("trace_id", r.traceId());
        n.put("at", r.at().toString());
        n.put("agent_id", r.request().agentId());
        n.put("action", r.request().action().action());
        n.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
        ObjectNode was = n.putObject("was");
        was.put("decision", r.verdict().wireName());
        was.put("tier", r.tier() == null ? null : r.tier().wireName());
        was.put("reason_code", r.reasonCode());
        ObjectNode now = n.putObject("now");
        now.put("decision", c.replayed().verdict().wireName());
        now.put("tier", c.replayed().tier() == null ? null : c.replayed().tier().wireName());
        now.put("reason_code", c.replayed().reasonCode().name());
        now.put("reason", c.replayed().reason());
        try {
            out.write(n.toString());
            out.write('\n');
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Changes written so far. */
    long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
