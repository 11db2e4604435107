package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed notes against the golang.org/x/mod/sumdb/note reference note (Ed25519 is deterministic, RFC 8032). */
class SignedNoteTest {

    private static final String SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String NOTE = TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void signingReproducesTheReferenceNoteByteForByte() {
        SigningKey key = SigningKey.parse(SIGNER);
        assertThat(key.publicKey().verifierKey()).isEqualTo(VERIFIER);
        assertThat(SignedNote.sign(TEXT, key).format()).isEqualTo(NOTE);
    }

    @Test
    void theReferenceNoteVerifiesAndAnyChangeOrOtherKeyFails() {
        NoteKey key = NoteKey.parse(VERIFIER);
        assertThat(SignedNote.parse(NOTE).signedBy(key)).isTrue();
        assertThat(SignedNote.parse(NOTE.replace("cryptography", "cryptographY")).signedBy(key)).isFalse();
        assertThat(SignedNote.parse(NOTE).signedBy(SigningKey.generate("PeterNeumann").publicKey())).isFalse();
        assertThatThrownBy(() -> NoteKey.parse(VERIFIER.replace("c74f20a3", "c74f20a4")))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> SignedNote.parse(TEXT)).hasMessageContaining("blank line");
    }

    @Test
    void aKeyWhoseBase64HoldsAPlusParses() {
        assertThat(NoteKey.parse("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6").name()).isEqualTo("TEST");
    }

    @Test
    void aWitnessCosignatureIsASecondLineAndBothVerify() {
        SigningKey log = SigningKey.generate("arbiter.example/ledger");
        SigningKey witness = SigningKey.generate("ciso-desktop");
        SignedCheckpoint cp = new SignedCheckpoint("arbiter.example/ledger", 7, new byte[32]);
        SignedNote note = SignedNote.parse(SignedNote.sign(cp.text(), log).cosign(witness).format());
        assertThat(note.signedBy(log.publicKey())).isTrue();
        assertThat(note.signedBy(witness.publicKey())).isTrue();
        assertThat(SignedCheckpoint.parse(note.text())).isEqualTo(cp);
    }

    @Test
    void theKeyFileIsCreatedOnceOwnerOnlyAndReadBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys").resolve("audit-signing.key");
        SigningKey first = SigningKey.loadOrCreate(file, "ledger");
        SigningKey again = SigningKey.loadOrCreate(file, "other-name");
        assertThat(again.publicKey()).isEqualTo(first.publicKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Files.writeString(file, "garbage");
        assertThatThrownBy(() -> SigningKey.load(file)).hasMessageContaining("damaged").hasMessageContaining(file.toString());
    }
}
