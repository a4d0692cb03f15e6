package io.rescuefleet.station.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers. The JVM's SHA-256 uses the CPU's SHA extensions where present. */
public final class Digests {
  /** Files are hashed in chunks of this size too, so Sampled verification can check parts of them. */
  public static final long CHUNK_SIZE = 16L << 20;

  private Digests() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  public static String sha256(byte[] data) {
    return hex(sha256().digest(data));
  }

  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  /** Number of chunks a file of {@code size} bytes has (at least one, so empty files have a hash too). */
  public static int chunkCount(long size, long chunkSize) {
    return (int) Math.max(1, (size + chunkSize - 1) / chunkSize);
  }
}
