package dev.arbiter.core.witness;

import dev.arbiter.core.evidence.SignedNote;
import java.util.Optional;

/** What a witness answered to an add-checkpoint request (C2SP tlog-witness statuses). */
public sealed interface CosignOutcome {

    /** Cosigned: {@code note} is the checkpoint with the log's signatures and this witness's cosignature. */
    record Cosigned(SignedNote note, long size) implements CosignOutcome {
    }

    /**
     * Refused; nothing cosigned.
     *
     * @param status     the tlog-witness HTTP status the refusal maps to
     * @param message    what was wrong and what to do, one or two sentences
     * @param latestSize the size of the newest checkpoint the witness cosigned for the log (a 409's body)
     * @param alarm      the alarm recorded when the refusal shows the log misbehaving
     */
    record Refused(Status status, String message, long latestSize, Optional<WitnessAlarm> alarm)
            implements CosignOutcome {
    }

    /** The tlog-witness refusals, with their HTTP status codes. */
    enum Status {
        BAD_REQUEST(400), FORBIDDEN(403), UNKNOWN_LOG(404), CONFLICT(409), INCONSISTENT(422);

        private final int http;

        Status(int http) {
            this.http = http;
        }

        /** The HTTP status code tlog-witness gives this refusal. */
        public int http() {
            return http;
        }
    }
}
