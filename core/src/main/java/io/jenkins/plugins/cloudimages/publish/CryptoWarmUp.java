package io.jenkins.plugins.cloudimages.publish;

import com.jcraft.jsch.JSch;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Runs the upload's hot code (JSch's AES-GCM packet encryption and SHA-256) on a background thread
 * while the SSH connection is being set up. HotSpot uses its AES-CTR, GHASH and SHA intrinsics only
 * in C2-compiled callers, and compiles those after thousands of calls: a cold JVM spends about 1.5
 * s of CPU on the first 128 MiB of an upload, against 0.2 s once compiled. What triggers
 * compilation is the number of calls, not their size, so most warm-up calls are tiny; every {@link
 * #FULL_SIZE_EVERY}th has the upload's real sizes, so that the compiled code has seen the paths
 * large packets take and is not thrown away on the first real one. Measured (bench/publish): the
 * warm-up costs about 0.45 s of CPU and saves about 1.2 s. Best effort: a failure ends it.
 */
final class CryptoWarmUp {
  /** An SSH packet's payload on OpenSSH (its channel maximum packet size). */
  private static final int PACKET_BYTES = 32 * 1024;

  private static final int CALLS = 6_000;
  private static final int SMALL_BYTES = 256;
  private static final int FULL_SIZE_EVERY = 16;
  private static final long BUDGET_NANOS = 5_000_000_000L;

  private CryptoWarmUp() {}

  /**
   * Starts warming up {@code cipher} (a JSch cipher name) and SHA-256 over reads of {@code
   * readBytes} on a daemon thread, which ends by itself.
   */
  static void start(String cipher, int readBytes) {
    Thread thread = new Thread(() -> run(cipher, readBytes), "cloudimg publish warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs the warm-up on this thread; false when it could not (it never throws). */
  static boolean run(String cipher, int readBytes) {
    try {
      com.jcraft.jsch.Cipher encrypt =
          (com.jcraft.jsch.Cipher)
              Class.forName(JSch.getConfig(cipher)).getDeclaredConstructor().newInstance();
      SecureRandom random = new SecureRandom();
      byte[] key = new byte[encrypt.getBlockSize()];
      byte[] iv = new byte[encrypt.getIVSize()];
      random.nextBytes(key);
      random.nextBytes(iv);
      encrypt.init(com.jcraft.jsch.Cipher.ENCRYPT_MODE, key, iv);
      byte[] packet = new byte[PACKET_BYTES + 64];
      byte[] read = new byte[readBytes];
      MessageDigest sha256 = DigestingFileStream.sha256();
      long end = System.nanoTime() + BUDGET_NANOS;
      for (int i = 0; i < CALLS && System.nanoTime() - end < 0; i++) {
        boolean full = i % FULL_SIZE_EVERY == 0;
        encrypt.updateAAD(packet, 0, 4);
        encrypt.doFinal(packet, 4, full ? PACKET_BYTES : SMALL_BYTES, packet, 4);
        sha256.update(read, 0, full ? readBytes : SMALL_BYTES);
      }
      return true;
    } catch (Exception | LinkageError e) {
      return false; // only a warm-up: the upload works the same without it
    }
  }
}
