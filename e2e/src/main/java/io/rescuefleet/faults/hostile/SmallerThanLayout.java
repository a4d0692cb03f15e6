package io.rescuefleet.faults.hostile;

import io.rescuefleet.faults.lab.DriveSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** A blank stick too small even for Ventoy's layout (VTOYEFI alone is 32 MiB). */
final class SmallerThanLayout implements HostileCase {
  @Override
  public String kind() {
    return "hostile/smaller-than-layout";
  }

  @Override
  public Expected expected() {
    return new Expected(2, "DiskTooSmall", List.of("needs at least"), true);
  }

  @Override
  public Arranged arrange(HostileLab lab, Random random) {
    long size = (8L + random.nextInt(40)) << 20;
    Path image = lab.dir().resolve("tiny.img");
    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
      f.setLength(size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DriveSpec spec = lab.spec("any", List.of(lab.served("a", 0, "iso/a.iso")));
    return new Arranged(spec, image, image.toString(), List.of(), () -> { }, null, (size >> 20) + " MiB stick");
  }
}
