package dev.arbiter.core.evidence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note (https://c2sp.org/signed-note): UTF-8 text ending in a newline, a blank line, then one
 * line per signature {@code — <key name> <base64(key id || signature)>}. Each signature covers the text
 * (every byte up to and including its last newline).
 *
 * @param text       the signed text, ending in {@code \n}, with no blank line inside
 * @param signatures in the order they appear
 */
public record SignedNote(String text, List<Line> signatures) {

    /** One signature line. */
    public record Line(String keyName, byte[] keyId, byte[] signature) {
    }

    private static final String DASH = "\u2014 ";

    public SignedNote {
        if (!text.endsWith("\n") || text.contains("\n\n") || text.startsWith("\n")) {
            throw new IllegalArgumentException("A note's text ends in a newline and has no blank line");
        }
        signatures = List.copyOf(signatures);
    }

    /** {@code text} signed by {@code key}. */
    public static SignedNote sign(String text, SigningKey key) {
        return new SignedNote(text, List.of()).cosign(key);
    }

    /** This note with {@code key}'s signature added (a witness's cosignature). */
    public SignedNote cosign(SigningKey key) {
        List<Line> all = new ArrayList<>(signatures);
        all.add(new Line(key.publicKey().name(), key.publicKey().keyId(),
                key.sign(text.getBytes(StandardCharsets.UTF_8))));
        return new SignedNote(text, all);
    }

    /** Whether some signature of this note verifies with {@code key}. */
    public boolean signedBy(NoteKey key) {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        byte[] id = key.keyId();
        return signatures.stream().anyMatch(s -> s.keyName().equals(key.name()) && Arrays.equals(s.keyId(), id)
                && key.verifies(message, s.signature()));
    }

    /** The note as it is written and exchanged. */
    public String format() {
        StringBuilder b = new StringBuilder(text).append('\n');
        for (Line s : signatures) {
            byte[] blob = ByteBuffer.allocate(4 + s.signature().length).put(s.keyId()).put(s.signature()).array();
            b.append(DASH).append(s.keyName()).append(' ').append(Base64.getEncoder().encodeToString(blob))
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * Reads a note.
     *
     * @throws IllegalArgumentException naming the line that is wrong
     */
    public static SignedNote parse(String note) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new IllegalArgumentException("Not a signed note: no blank line before the signatures, "
                    + "or the last line does not end in a newline");
        }
        String text = note.substring(0, split + 1);
        List<Line> lines = new ArrayList<>();
        String[] sigs = note.substring(split + 2).split("\n");
        for (int i = 0; i < sigs.length; i++) {
            String s = sigs[i];
            int space = s.lastIndexOf(' ');
            if (!s.startsWith(DASH) || space <= DASH.length()) {
                throw new IllegalArgumentException("Signature line " + (i + 1) + " does not read \"— name base64\"");
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(s.substring(space + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Signature line " + (i + 1) + " is not base64");
            }
            if (blob.length < 5) {
                throw new IllegalArgumentException("Signature line " + (i + 1) + " is too short");
            }
            lines.add(new Line(s.substring(DASH.length(), space), Arrays.copyOf(blob, 4),
                    Arrays.copyOfRange(blob, 4, blob.length)));
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("The note carries no signature");
        }
        return new SignedNote(text, lines);
    }
}
