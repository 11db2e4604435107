package dev.arbiter.core.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signed-note verifier key (C2SP signed-note, https://c2sp.org/signed-note): a key name and an Ed25519
 * public key, written {@code <name>+<hex key id>+<base64(0x01 || public key)>}. The key id is the first four
 * bytes of {@code SHA-256(name || 0x0A || 0x01 || public key)}.
 *
 * @param name    the key name: non-empty, no whitespace, no {@code +}
 * @param publicKey the raw 32-byte Ed25519 public key (RFC 8032)
 */
public record NoteKey(String name, byte[] publicKey) {

    /** The signature type byte of Ed25519 in signed notes. */
    static final byte ED25519 = 0x01;
    /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw Ed25519 key (RFC 8410). */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    public NoteKey {
        if (!validName(name)) {
            throw new IllegalArgumentException("A key name must be non-empty and hold no spaces or '+' (got \""
                    + name + "\")");
        }
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("An Ed25519 public key has 32 bytes (got " + publicKey.length + ")");
        }
        publicKey = publicKey.clone();
    }

    /** Whether {@code name} may name a key or a log: non-empty, printable, no whitespace, no {@code +}. */
    public static boolean validName(String name) {
        return name != null && !name.isEmpty() && name.codePoints().noneMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c) || c == '+' || c == '\u2014');
    }

    /**
     * Reads a verifier key {@code name+hexid+base64}.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static NoteKey parse(String text) {
        String t = text.strip();
        // A name holds no '+', but base64 may: the first two '+' end the name and the id.
        int second = t.indexOf('+');
        int last = second < 0 ? -1 : t.indexOf('+', second + 1);
        if (second <= 0 || last < 0) {
            throw new IllegalArgumentException("A verifier key reads name+keyid+key (got \"" + abbreviate(t) + "\")");
        }
        String name = t.substring(0, second);
        String id = t.substring(second + 1, last);
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(t.substring(last + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The key part of the verifier key is not base64: " + e.getMessage());
        }
        if (typed.length != 33 || typed[0] != ED25519) {
            throw new IllegalArgumentException("The verifier key is not an Ed25519 key (type 0x01, 32 bytes)");
        }
        NoteKey key = new NoteKey(name, Arrays.copyOfRange(typed, 1, 33));
        if (!id.equals(HexFormat.of().formatHex(key.keyId()))) {
            throw new IllegalArgumentException("The verifier key's id " + id + " does not match its name and key");
        }
        return key;
    }

    /** The 4-byte key id. */
    public byte[] keyId() {
        return keyId(name, ED25519, publicKey);
    }

    /** {@code name+hexid+base64(0x01 || key)}. */
    public String verifierKey() {
        return verifierKey(name, ED25519, publicKey);
    }

    /**
     * A C2SP signed-note key id: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ type ‖ key) (https://c2sp.org/signed-note),
     * for a log's key (type 0x01) and a witness's cosignature key (type 0x04) alike.
     */
    static byte[] keyId(String name, byte type, byte[] publicKey) {
        var d = MerkleTree.sha256();
        d.update(name.getBytes(StandardCharsets.UTF_8));
        d.update((byte) '\n');
        d.update(type);
        d.update(publicKey);
        return Arrays.copyOf(d.digest(), 4);
    }

    /** A C2SP verifier key, {@code name+hexid+base64(type || key)}, for a 32-byte key. */
    static String verifierKey(String name, byte type, byte[] publicKey) {
        byte[] typed = new byte[33];
        typed[0] = type;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().formatHex(keyId(name, type, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    /** Whether {@code signature} (64 bytes) is this key's Ed25519 signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(javaKey());
            v.update(message);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private PublicKey javaKey() throws GeneralSecurityException {
        byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(publicKey, 0, der, X509_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteKey k && k.name.equals(name) && Arrays.equals(k.publicKey, publicKey);
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
