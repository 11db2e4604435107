package dev.arbiter.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Turns the PEM files of {@link GatewayConfig.TlsFiles} into Jetty's TLS
 * settings with the JDK alone: the certificate chain ({@code BEGIN
 * CERTIFICATE} blocks), the private key as unencrypted PKCS#8 ({@code BEGIN
 * PRIVATE KEY}; RSA, EC or Ed25519), and, when given, the CA whose
 * certificates clients must present. Every problem is reported naming the
 * file and what to do.
 */
final class PemTls {

    private static final char[] NO_PASSWORD = new char[0];
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";

    private PemTls() {
    }

    /**
     * @throws IllegalStateException naming the file at fault and what to do
     */
    static SslContextFactory.Server contextFactory(GatewayConfig.TlsFiles files) {
        try {
            List<Certificate> chain = certificates(files.certificate());
            PrivateKey key = privateKey(files.privateKey());
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("gateway", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
            SslContextFactory.Server factory = new SslContextFactory.Server();
            factory.setKeyStore(keys);
            factory.setKeyStorePassword("");
            factory.setKeyManagerPassword("");
            if (files.clientCa() != null) {
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                int i = 0;
                for (Certificate ca : certificates(files.clientCa())) {
                    trusted.setCertificateEntry("client-ca-" + i++, ca);
                }
                factory.setTrustStore(trusted);
                factory.setNeedClientAuth(true);
            }
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(Path file) throws IOException {
        Collection<? extends Certificate> found;
        try (InputStream in = Files.newInputStream(file)) {
            found = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new IllegalStateException(file + " holds no readable PEM certificate (BEGIN CERTIFICATE): "
                    + e.getMessage(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("There is no certificate file " + file + ".", e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException(file + " holds no PEM certificate (BEGIN CERTIFICATE).");
        }
        return new ArrayList<>(found);
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("There is no key file " + file + ".", e);
        }
        int begin = text.indexOf(KEY_BEGIN);
        int end = text.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(file + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert "
                    + "it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // try the next algorithm
            }
        }
        throw new IllegalStateException(file + " holds a key that is not RSA, EC or Ed25519 PKCS#8.");
    }
}
