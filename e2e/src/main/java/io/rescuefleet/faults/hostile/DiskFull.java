package io.rescuefleet.faults.hostile;

import io.rescuefleet.faults.lab.DriveSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** A foreign file eats the data partition's space; the next spec adds an image that no longer fits. */
final class DiskFull implements HostileCase {
  static final String FOREIGN = "my-backup.bin";

  @Override
  public String kind() {
    return "hostile/disk-full";
  }

  @Override
  public Expected expected() {
    return new Expected(1, "InsufficientSpace", List.of("does not fit", FOREIGN), true);
  }

  @Override
  public Arranged arrange(HostileLab lab, Random random) {
    var a = lab.served("a", 0, "iso/a.iso");
    Path image = lab.convergedStick(lab.spec("before", List.of(a)));
    long wanted = lab.image(1).size();
    long[] left = new long[1];
    lab.editor().edit(image, root -> {
      try {
        long free = Files.getFileStore(root).getUsableSpace();
        long keep = (long) (random.nextDouble() * (wanted - (1 << 20))); // less room than the image needs
        try (RandomAccessFile f = new RandomAccessFile(root.resolve(FOREIGN).toFile(), "rw")) {
          f.setLength(Math.max(0, free - keep) / 4096 * 4096);
        }
        left[0] = Files.getFileStore(root).getUsableSpace();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    DriveSpec more = lab.spec("more", List.of(a, lab.served("b", 1, "iso/b.iso")));
    Runnable undo = () -> lab.editor().edit(image, root -> {
      try {
        Files.delete(root.resolve(FOREIGN));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return new Arranged(more, image, image.toString(), List.of(), undo, more,
        left[0] / 1024 + " KiB free for a " + wanted / 1024 + " KiB image");
  }
}
