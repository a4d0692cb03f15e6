package io.rescuefleet.station.testkit;

import io.rescuefleet.station.verify.Digests;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.SplittableRandom;

/** Makes stand-in ISO images: reproducible pseudo-random content of a given size, with its SHA-256. */
public final class TestImages {
  private TestImages() {}

  /** An image written to disk and its SHA-256. */
  public record Image(Path file, long size, String sha256) {
    public String url() {
      return file.toUri().toString();
    }
  }

  public static Image write(Path file, long size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    MessageDigest digest = Digests.sha256();
    byte[] block = new byte[1 << 20];
    ByteBuffer words = ByteBuffer.wrap(block);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        long left = size;
        while (left > 0) {
          words.clear();
          while (words.remaining() >= 8) {
            words.putLong(random.nextLong());
          }
          int n = (int) Math.min(left, block.length);
          out.write(block, 0, n);
          digest.update(block, 0, n);
          left -= n;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return new Image(file, size, Digests.hex(digest.digest()));
  }
}
