package io.jenkins.plugins.cloudimages.ssh;

import com.jcraft.jsch.JSch;
import java.security.SecureRandom;

/**
 * JSch's source of packet padding and KEXINIT cookies: the JDK's SecureRandom, drawn 16 KiB at a
 * time. JSch's own source asks the SecureRandom for a few bytes on every packet it sends: on Linux
 * a lock and a SHA-1 step (NativePRNG mixes in SHA1PRNG) per 32 KiB, inlined into JSch's hot packet
 * encoder. In bench/publish, -XX:+PrintCompilation showed HotSpot throwing the compiled encoder
 * away mid-upload together with SecureRandom.engineNextBytes. The bytes are the same kind; only
 * fewer calls make them.
 */
public final class BatchedSecureRandom implements com.jcraft.jsch.Random {
  static final int BATCH_BYTES = 16 * 1024;

  private final SecureRandom source = new SecureRandom();
  private final byte[] batch = new byte[BATCH_BYTES];
  private int next = BATCH_BYTES;

  @Override
  public synchronized void fill(byte[] target, int start, int length) {
    int filled = 0;
    while (filled < length) {
      if (next == batch.length) {
        refill();
      }
      int n = Math.min(length - filled, batch.length - next);
      System.arraycopy(batch, next, target, start + filled, n);
      next += n;
      filled += n;
    }
  }

  private void refill() {
    source.nextBytes(batch);
    next = 0;
  }

  /**
   * Makes it JSch's source for every session this JVM opens from now on. Only where JSch's class
   * loader sees this class (the command line); inside Jenkins, JSch comes from another plugin and
   * keeps its own.
   */
  public static void install() {
    JSch.setConfig("random", BatchedSecureRandom.class.getName());
  }
}
