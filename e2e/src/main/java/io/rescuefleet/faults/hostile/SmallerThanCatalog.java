package io.rescuefleet.faults.hostile;

import io.rescuefleet.faults.lab.DriveSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** A blank stick too small for its catalog's images (though big enough for the layout). */
final class SmallerThanCatalog implements HostileCase {
  @Override
  public String kind() {
    return "hostile/smaller-than-catalog";
  }

  @Override
  public Expected expected() {
    return new Expected(1, "InsufficientSpace", List.of("does not fit"), true);
  }

  @Override
  public Arranged arrange(HostileLab lab, Random random) {
    long size = (66L + random.nextInt(7)) << 20; // a data partition of 33-39 MiB, for 43 MiB of images
    Path image = lab.dir().resolve("small.img");
    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
      f.setLength(size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var a = lab.served("a", 0, "iso/a.iso");
    DriveSpec big = lab.spec("big", List.of(a, lab.served("big", 2, "iso/big.iso")));
    DriveSpec fits = lab.spec("fits", List.of(a));
    return new Arranged(big, image, image.toString(), List.of(), () -> { }, fits, (size >> 20) + " MiB stick");
  }
}
