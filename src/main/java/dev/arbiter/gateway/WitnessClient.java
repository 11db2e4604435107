package dev.arbiter.gateway;

import dev.arbiter.core.evidence.AddCheckpoint;
import dev.arbiter.core.evidence.Cosignatures;
import dev.arbiter.core.evidence.CosignerKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The log side of witnessing over HTTP (issue 18): sends this ledger's newest checkpoint to a witness's
 * {@code POST /v1/witness/add-checkpoint} (C2SP tlog-witness, {@link WitnessRoute} on an Arbiter witness) and
 * keeps the cosignature it answers with, as {@code audit witness-import} keeps one carried in a file.
 */
public final class WitnessClient {

    /** How long the witness may take to answer one request (it writes to its database before answering). */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What the witness answered. */
    public sealed interface Answer {
        /** 200: {@code lines} are the witness's cosignature lines of the checkpoint sent. */
        record Cosigned(String lines) implements Answer {
        }

        /** 409: the witness cosigned {@code latestSize} entries of this log last; prove consistency from there. */
        record Conflict(long latestSize) implements Answer {
        }

        /** Any other answer: its status and what the witness said. */
        record Refused(int status, String message) implements Answer {
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI endpoint;
    private final String token;

    /**
     * @param witness the witness's gateway ({@code https://ciso.example.com:8765}) or the full add-checkpoint URL
     * @param token   this log's witness token, from {@code arbiter witness token} on the witness
     * @throws IllegalArgumentException when {@code witness} is not an http(s) URL
     */
    public WitnessClient(URI witness, String token) {
        if (witness.getScheme() == null || !witness.getScheme().matches("https?") || witness.getHost() == null) {
            throw new IllegalArgumentException("--witness-url must be an http:// or https:// URL with a host, e.g. "
                    + "https://ciso.example.com:8765 (got " + witness + ")");
        }
        String path = witness.getRawPath() == null ? "" : witness.getRawPath();
        this.endpoint = path.isEmpty() || path.equals("/") ? witness.resolve(WitnessRoute.PATH) : witness;
        this.token = token.strip();
    }

    /** Where requests go. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Sends one add-checkpoint request.
     *
     * @throws IOException when the witness cannot be reached or its answer is not one tlog-witness defines
     */
    public Answer send(AddCheckpoint request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(request.format(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String body;
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(AddCheckpoint.MAX_BYTES + 1); // bounded: a witness cannot flood the log
            if (bytes.length > AddCheckpoint.MAX_BYTES) {
                throw new IOException("The witness at " + endpoint + " answered with more than 64 KiB: not a witness");
            }
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        if (response.statusCode() == 200) {
            return new Answer.Cosigned(body);
        }
        if (response.statusCode() == 409) {
            try {
                return new Answer.Conflict(Long.parseLong(body.strip()));
            } catch (NumberFormatException e) {
                throw new IOException("The witness at " + endpoint + " answered 409 without its latest size");
            }
        }
        return new Answer.Refused(response.statusCode(), message(body));
    }

    /** The message of the gateway's JSON error ({@code {"error":{"message":…}}}), else the body as sent. */
    private static String message(String body) {
        try {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("error").path("message");
            if (node.isTextual()) {
                return node.asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // another witness implementation: its text as it is
        }
        return body.strip();
    }

    /**
     * Has the witness cosign this ledger's newest checkpoint and keeps the cosignature: proves consistency from
     * the checkpoint {@code witness} last cosigned that was kept here, and once more from the size the witness
     * names when it answers 409 (it cosigned a checkpoint that was not brought back, e.g. by file).
     *
     * @throws IllegalStateException when the witness refused, with its status and message
     * @throws IOException when it cannot be reached
     */
    public Cosignatures.Imported cosign(Cosignatures cosignatures, CosignerKey witness)
            throws IOException, InterruptedException {
        AddCheckpoint request = cosignatures.request(cosignatures.lastCosignedBy(witness));
        Answer answer = send(request);
        if (answer instanceof Answer.Conflict conflict) {
            request = cosignatures.request(conflict.latestSize());
            answer = send(request);
        }
        if (answer instanceof Answer.Cosigned cosigned) {
            return cosignatures.importCosigned(request.checkpoint().text() + "\n" + cosigned.lines(), witness);
        }
        if (answer instanceof Answer.Conflict conflict) {
            throw new IllegalStateException("The witness at " + endpoint + " moved to " + conflict.latestSize()
                    + " entries while this request was sent; run the command again.");
        }
        Answer.Refused refused = (Answer.Refused) answer;
        throw new IllegalStateException("The witness at " + endpoint + " refused the checkpoint (HTTP "
                + refused.status() + "): " + refused.message());
    }
}
