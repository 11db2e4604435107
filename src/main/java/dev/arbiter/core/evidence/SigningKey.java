package dev.arbiter.core.evidence;

import dev.arbiter.core.store.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 signing key for signed notes, kept in a file outside the database in the Go
 * {@code golang.org/x/mod/sumdb/note} signer format {@code PRIVATE+KEY+<name>+<hex id>+<base64(0x01 || seed)>}
 * (so tools of that ecosystem can use it too). The file is owner-only; a key is created on first use.
 */
public final class SigningKey {

    private static final String PREFIX = "PRIVATE+KEY+";

    private final NoteKey publicKey;
    private final PrivateKey privateKey;

    private SigningKey(NoteKey publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** A key named {@code name} from a 32-byte RFC 8032 seed. */
    public static SigningKey fromSeed(String name, byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("An Ed25519 seed has 32 bytes (got " + seed.length + ")");
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            // The JDK draws the private key (the seed) as 32 bytes from the random source it is given.
            g.initialize(255, new FixedBytes(seed));
            KeyPair pair = g.generateKeyPair();
            byte[] x509 = pair.getPublic().getEncoded();
            return new SigningKey(new NoteKey(name, Arrays.copyOfRange(x509, x509.length - 32, x509.length)),
                    pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
        }
    }

    /** A new random key named {@code name}. */
    public static SigningKey generate(String name) {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return fromSeed(name, seed);
    }

    /**
     * Reads a signer key string {@code PRIVATE+KEY+name+id+base64}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static SigningKey parse(String text) {
        String t = text.strip();
        if (!t.startsWith(PREFIX)) {
            throw new IllegalArgumentException("A signing key starts with " + PREFIX);
        }
        String rest = t.substring(PREFIX.length());
        // A name holds no '+', but base64 may: the first two '+' end the name and the id.
        int second = rest.indexOf('+');
        int last = second < 0 ? -1 : rest.indexOf('+', second + 1);
        if (second <= 0 || last < 0) {
            throw new IllegalArgumentException("A signing key reads PRIVATE+KEY+name+keyid+key");
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(rest.substring(last + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The key part of the signing key is not base64");
        }
        if (typed.length != 33 || typed[0] != NoteKey.ED25519) {
            throw new IllegalArgumentException("The signing key is not an Ed25519 key (type 0x01, 32 bytes)");
        }
        SigningKey key = fromSeed(rest.substring(0, second), Arrays.copyOfRange(typed, 1, 33));
        if (!rest.substring(second + 1, last).equals(HexFormat.of().formatHex(key.publicKey.keyId()))) {
            throw new IllegalArgumentException("The signing key's id does not match its name and key");
        }
        return key;
    }

    /**
     * The key in {@code file}, or a new one named {@code name} written there (owner-only, forced to disk) when
     * the file does not exist.
     *
     * @throws IOException when the file cannot be read or written, or does not hold a signing key
     */
    public static SigningKey loadOrCreate(Path file, String name) throws IOException {
        try {
            return load(file);
        } catch (NoSuchFileException absent) {
            SigningKey key = generate(name);
            Path dir = file.toAbsolutePath().getParent();
            OwnerOnly.createDirectories(dir);
            Path tmp = dir.resolve("." + file.getFileName() + ".new");
            Files.deleteIfExists(tmp);
            OwnerOnly.createFile(tmp);
            Files.write(tmp, (key.signerKey() + "\n").getBytes(StandardCharsets.US_ASCII),
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            try {
                // Not REPLACE_EXISTING: if another process created a key meanwhile, theirs wins.
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(tmp);
                return load(file);
            }
            return key;
        }
    }

    /**
     * The key in {@code file}.
     *
     * @throws NoSuchFileException when there is no such file
     * @throws IOException when it cannot be read or holds no signing key
     */
    public static SigningKey load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("The signing key file " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** The public half, as a verifier key. */
    public NoteKey publicKey() {
        return publicKey;
    }

    /** The 64-byte Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    private String signerKey() {
        byte[] pkcs8 = privateKey.getEncoded();
        byte[] typed = new byte[33];
        typed[0] = NoteKey.ED25519;
        System.arraycopy(pkcs8, pkcs8.length - 32, typed, 1, 32);
        return PREFIX + publicKey.name() + "+" + HexFormat.of().formatHex(publicKey.keyId()) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    /** Hands out exactly the seed: how the JDK is told which Ed25519 key to make. */
    private static final class FixedBytes extends SecureRandom {
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(out.length, bytes.length));
        }
    }
}
