package io.jenkins.plugins.cloudimages.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A fresh ed25519 key pair in OpenSSH's own formats: the private key as an unencrypted {@code
 * openssh-key-v1} file (what sshd, cloud-init and JSch read) and the public key as one {@code
 * ssh-ed25519 AAAA... comment} line. Generated with the JDK's Ed25519, because JSch can generate
 * ed25519 keys but cannot write their private half.
 */
public record SshKeyPair(String privateKey, String publicKey) {
  private static final String TYPE = "ssh-ed25519";
  private static final SecureRandom RANDOM = new SecureRandom();

  public static SshKeyPair generateEd25519(String comment) {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate Ed25519 keys", e);
    }
    // X.509 and PKCS#8 encodings of Ed25519 end with the raw 32-byte key.
    byte[] x509 = pair.getPublic().getEncoded();
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    byte[] pub = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
    byte[] publicBlob = new Buffer().string(TYPE).bytes(pub).toByteArray();

    int check = RANDOM.nextInt();
    Buffer secret = new Buffer().int32(check).int32(check).string(TYPE).bytes(pub);
    byte[] secretKey = new byte[64];
    System.arraycopy(seed, 0, secretKey, 0, 32);
    System.arraycopy(pub, 0, secretKey, 32, 32);
    secret.bytes(secretKey).string(comment);
    for (int pad = 1; secret.size() % 8 != 0; pad++) {
      secret.raw(new byte[] {(byte) pad});
    }
    byte[] file =
        new Buffer()
            .raw("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII))
            .string("none")
            .string("none")
            .string("")
            .int32(1)
            .bytes(publicBlob)
            .bytes(secret.toByteArray())
            .toByteArray();
    StringBuilder pem = new StringBuilder("-----BEGIN OPENSSH PRIVATE KEY-----\n");
    String body = Base64.getEncoder().encodeToString(file);
    for (int i = 0; i < body.length(); i += 70) {
      pem.append(body, i, Math.min(body.length(), i + 70)).append('\n');
    }
    pem.append("-----END OPENSSH PRIVATE KEY-----\n");
    String publicLine = TYPE + " " + Base64.getEncoder().encodeToString(publicBlob) + " " + comment;
    return new SshKeyPair(pem.toString(), publicLine);
  }

  /** The key type and base64 blob of the public key, without the comment. */
  public String publicKeyWithoutComment() {
    String[] parts = publicKey.split(" ");
    return parts[0] + " " + parts[1];
  }

  /**
   * Writes the private key to {@code file} with mode 0600 (created so, never readable by others).
   */
  public Path writePrivateKey(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, privateKey, StandardOpenOption.TRUNCATE_EXISTING);
    Files.writeString(file.resolveSibling(file.getFileName() + ".pub"), publicKey + "\n");
    return file;
  }

  @Override
  public String toString() {
    return "SshKeyPair[" + publicKey + "]";
  }

  /** SSH wire encoding (RFC 4251): uint32 lengths, big endian. */
  private static final class Buffer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Buffer int32(int value) {
      out.write(value >>> 24);
      out.write(value >>> 16);
      out.write(value >>> 8);
      out.write(value);
      return this;
    }

    Buffer bytes(byte[] value) {
      int32(value.length);
      return raw(value);
    }

    Buffer string(String value) {
      return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    Buffer raw(byte[] value) {
      out.write(value, 0, value.length);
      return this;
    }

    int size() {
      return out.size();
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
