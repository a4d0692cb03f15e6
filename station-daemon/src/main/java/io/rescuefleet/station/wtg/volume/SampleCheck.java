package io.rescuefleet.station.wtg.volume;

import io.rescuefleet.station.fs.StickPaths;
import io.rescuefleet.station.wtg.image.SampledFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Hashes sampled files on a mounted Windows To Go volume and says which differ from the image. */
public final class SampleCheck {
  private SampleCheck() {}

  /** The samples whose content on the volume is missing or not the image's, with why. */
  public static List<String> mismatches(Path root, List<SampledFile> samples) {
    List<String> wrong = new ArrayList<>();
    byte[] buffer = new byte[1 << 16];
    for (SampledFile s : samples) {
      Path file = StickPaths.resolve(root, s.path().substring(1));
      try (InputStream in = Files.newInputStream(file)) {
        MessageDigest sha1 = sha1();
        long size = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
          sha1.update(buffer, 0, n);
          size += n;
        }
        String actual = HexFormat.of().formatHex(sha1.digest());
        if (size != s.size() || !actual.equals(s.sha1())) {
          wrong.add(s.path() + " (" + size + " bytes, SHA-1 " + actual + "; the image has " + s.size() + " bytes, "
              + s.sha1() + ")");
        }
      } catch (NoSuchFileException e) {
        wrong.add(s.path() + " (missing)");
      } catch (IOException e) {
        wrong.add(s.path() + " (unreadable: " + e.getMessage() + ")");
      }
    }
    return wrong;
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }
}
