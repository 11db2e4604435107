package dev.arbiter.core.witness;

import java.util.Optional;

/**
 * What a witness refused because it shows the log misbehaving: a rewrite, a fork or a roll-back. Kept for good
 * (append-only), with the witness's own cosigned checkpoint and the request it refused, as evidence.
 *
 * @param id         the alarm's number
 * @param origin     the log
 * @param detectedAt ISO-8601 UTC
 * @param kind       what was seen
 * @param message    one sentence a person can act on
 * @param cosigned   the newest checkpoint the witness had cosigned then
 * @param offered    the refused request as received
 */
public record WitnessAlarm(long id, String origin, String detectedAt, Kind kind, String message,
                           Optional<String> cosigned, String offered) {

    /** The kinds of misbehaviour a witness can prove or suspect from two signed checkpoints. */
    public enum Kind {
        /** Two signed checkpoints of the same size with different roots: proof of a fork or a rewrite. */
        FORKED,
        /** A larger checkpoint that the log could not prove grew from the cosigned one: a rewrite or a fork. */
        INCONSISTENT,
        /** A signed checkpoint smaller than the one cosigned: the log was cut back, or an old checkpoint was sent. */
        ROLLED_BACK;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind ofColumn(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
