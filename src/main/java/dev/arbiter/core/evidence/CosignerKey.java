package dev.arbiter.core.evidence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A witness's Ed25519 cosigner key (C2SP tlog-cosignature v1, https://c2sp.org/tlog-cosignature), written as a
 * verifier key {@code <name>+<hex key id>+<base64(0x04 || public key)>}. The key id is the first four bytes of
 * {@code SHA-256(name || 0x0A || 0x04 || public key)}; type 0x04 keeps a cosignature from ever being mistaken for
 * a log's own signature (type 0x01) by the same key.
 *
 * <p>A cosignature line's blob is {@code key id || u64 timestamp (POSIX seconds, big-endian) || Ed25519
 * signature}, and it signs {@code "cosignature/v1\ntime <timestamp>\n"} followed by the checkpoint's note text.
 *
 * @param name      the witness's name: non-empty, no whitespace, no {@code +}
 * @param publicKey the raw 32-byte Ed25519 public key (RFC 8032)
 */
public record CosignerKey(String name, byte[] publicKey) {

    /** The signed-note type byte of an Ed25519 cosignature/v1 key. */
    static final byte COSIGNATURE_V1 = 0x04;
    private static final int BLOB_BYTES = 8 + 64;

    public CosignerKey {
        if (!NoteKey.validName(name)) {
            throw new IllegalArgumentException("A witness name must be non-empty and hold no spaces or '+' (got \""
                    + name + "\")");
        }
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("An Ed25519 public key has 32 bytes (got " + publicKey.length + ")");
        }
        publicKey = publicKey.clone();
    }

    /** The cosigner key of {@code key} (the same Ed25519 key pair, under the cosignature type). */
    public static CosignerKey of(SigningKey key) {
        return new CosignerKey(key.publicKey().name(), key.publicKey().publicKey());
    }

    /**
     * Reads a cosigner verifier key {@code name+hexid+base64(0x04 || key)}, or a file's text holding one.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static CosignerKey parse(String text) {
        String t = text.strip();
        int second = t.indexOf('+');
        int last = second < 0 ? -1 : t.indexOf('+', second + 1);
        if (second <= 0 || last < 0) {
            throw new IllegalArgumentException("A witness key reads name+keyid+key (got \"" + abbreviate(t) + "\")");
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(t.substring(last + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The key part of the witness key is not base64: " + e.getMessage());
        }
        if (typed.length == 33 && typed[0] == NoteKey.ED25519) {
            throw new IllegalArgumentException("That is a log's signing key (type 0x01), not a witness key (type "
                    + "0x04): take the key `arbiter witness key` prints on the witness's workspace");
        }
        if (typed.length != 33 || typed[0] != COSIGNATURE_V1) {
            throw new IllegalArgumentException("The witness key is not an Ed25519 cosignature/v1 key (type 0x04, "
                    + "32 bytes)");
        }
        CosignerKey key = new CosignerKey(t.substring(0, second), Arrays.copyOfRange(typed, 1, 33));
        if (!t.substring(second + 1, last).equals(HexFormat.of().formatHex(key.keyId()))) {
            throw new IllegalArgumentException("The witness key's id " + t.substring(second + 1, last)
                    + " does not match its name and key");
        }
        return key;
    }

    /** The 4-byte key id. */
    public byte[] keyId() {
        return NoteKey.keyId(name, COSIGNATURE_V1, publicKey);
    }

    /** {@code name+hexid+base64(0x04 || key)}. */
    public String verifierKey() {
        return NoteKey.verifierKey(name, COSIGNATURE_V1, publicKey);
    }

    /** The bytes a cosignature at {@code timestamp} (POSIX seconds) over a checkpoint's note text signs. */
    public static byte[] message(String checkpointText, long timestamp) {
        return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointText).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code note} with a cosignature by {@code witness} (whose cosigner key this must be) at {@code at}.
     *
     * @throws IllegalArgumentException when {@code witness} is not this key's private half
     */
    public static SignedNote cosign(SignedNote note, SigningKey witness, Instant at) {
        long t = at.getEpochSecond();
        if (t < 0) {
            throw new IllegalArgumentException("A cosignature's time is after 1970");
        }
        CosignerKey key = of(witness);
        byte[] signature = witness.sign(message(note.text(), t));
        byte[] blob = ByteBuffer.allocate(BLOB_BYTES).putLong(t).put(signature).array();
        java.util.List<SignedNote.Line> lines = new java.util.ArrayList<>(note.signatures());
        lines.add(new SignedNote.Line(key.name(), key.keyId(), blob));
        return new SignedNote(note.text(), lines);
    }

    /**
     * When this key cosigned {@code note}: the time of its newest valid cosignature line, empty when none verifies.
     */
    public Optional<Instant> cosignedAt(SignedNote note) {
        Optional<Instant> newest = Optional.empty();
        for (SignedNote.Line line : note.signatures()) {
            Optional<Instant> at = verifies(note.text(), line);
            if (at.isPresent() && (newest.isEmpty() || at.get().isAfter(newest.get()))) {
                newest = at;
            }
        }
        return newest;
    }

    /** Whether {@code line} is this key's valid cosignature of {@code text}; its time when it is. */
    public Optional<Instant> verifies(String text, SignedNote.Line line) {
        if (!line.keyName().equals(name) || !Arrays.equals(line.keyId(), keyId())
                || line.signature().length != BLOB_BYTES) {
            return Optional.empty();
        }
        ByteBuffer blob = ByteBuffer.wrap(line.signature());
        long t = blob.getLong();
        if (t < 0) {
            return Optional.empty();
        }
        byte[] signature = Arrays.copyOfRange(line.signature(), 8, BLOB_BYTES);
        return new NoteKey(name, publicKey).verifies(message(text, t), signature)
                ? Optional.of(Instant.ofEpochSecond(t)) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosignerKey k && k.name.equals(name) && Arrays.equals(k.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return verifierKey();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
