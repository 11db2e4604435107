package dev.arbiter.gateway;

import dev.arbiter.core.evidence.AddCheckpoint;
import dev.arbiter.core.evidence.CosignerKey;
import dev.arbiter.core.evidence.SignedNote;
import dev.arbiter.core.witness.CosignOutcome;
import dev.arbiter.core.witness.Witness;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code POST /v1/witness/add-checkpoint}: this workspace as a witness over HTTP (issue 18), so a log on another
 * machine gets its checkpoints cosigned without carrying files. The protocol is C2SP tlog-witness
 * (https://c2sp.org/tlog-witness): the body is an add-checkpoint request ({@link AddCheckpoint}, at most 64 KiB,
 * the gateway's body bound); the answers are 200 with this witness's cosignature line ({@code text/plain}), 409
 * with the size it cosigned last ({@code text/x.tlog.size}, so the log can prove consistency from there and send
 * again), 400 (unreadable, or an old size above the checkpoint's), 403 (no signature by a key this witness trusts
 * for the log, or the checkpoint is of another log than the token's), 404 (a log it does not follow), 422 (a
 * consistency proof that does not verify). The rules are the file transport's ({@link Witness#cosign}), so a
 * rollback or a fork is an alarm either way. What is not tlog-witness: the caller must hold the log's witness
 * token ({@link Witness#issueHttpToken}), checked before the body is read.
 */
final class WitnessRoute {

    static final String PATH = "/v1/witness/add-checkpoint";
    /** tlog-witness's media type for a 409's body: the tree size in decimal and a line feed. */
    static final String SIZE_TYPE = "text/x.tlog.size";

    private WitnessRoute() {
    }

    /**
     * Answers one request whose token names {@code tokenOrigin}.
     *
     * @throws ApiError for a refusal other than 409 (the call is answered by the caller's guard)
     */
    static void answer(Call call, Witness witness, String tokenOrigin, byte[] body) {
        String raw;
        try {
            raw = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.protocol(400, "the body is not UTF-8 text: send an add-checkpoint request (C2SP "
                    + "tlog-witness), as `arbiter audit checkpoint --export FILE` writes it");
        }
        AddCheckpoint request;
        try {
            request = AddCheckpoint.parse(raw);
        } catch (IllegalArgumentException e) {
            throw ApiError.protocol(400, e.getMessage());
        }
        String origin = request.checkpoint().text().lines().findFirst().orElse("");
        if (!origin.equals(tokenOrigin)) {
            throw ApiError.forbidden("this witness token is for the log " + tokenOrigin + ", not for "
                    + abbreviate(origin));
        }
        CosignOutcome outcome;
        try {
            outcome = witness.cosign(request, raw, "witness-http:" + origin);
        } catch (IllegalStateException noKey) {
            throw ApiError.unavailable(noKey.getMessage());
        }
        if (outcome instanceof CosignOutcome.Cosigned cosigned) {
            call.replyText(200, "text/plain; charset=utf-8", ownLines(witness, cosigned.note()));
            return;
        }
        CosignOutcome.Refused refused = (CosignOutcome.Refused) outcome;
        switch (refused.status()) {
            case CONFLICT -> call.replyText(409, SIZE_TYPE, refused.latestSize() + "\n");
            case FORBIDDEN -> throw ApiError.forbidden(refused.message());
            case UNKNOWN_LOG -> throw ApiError.notFound(refused.message());
            case INCONSISTENT -> throw ApiError.unprocessable(refused.message());
            case BAD_REQUEST -> throw ApiError.protocol(400, refused.message());
        }
    }

    /** This witness's cosignature lines of {@code note}, each {@code — name base64} and a line feed. */
    private static String ownLines(Witness witness, SignedNote note) {
        CosignerKey key = witness.key().orElseThrow(() -> ApiError.unavailable("the witness key is gone"));
        StringBuilder lines = new StringBuilder();
        for (SignedNote.Line l : note.signatures()) {
            if (key.verifies(note.text(), l).isPresent()) {
                lines.append(new SignedNote(note.text(), List.of(l)).format().substring(note.text().length() + 1));
            }
        }
        return lines.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
