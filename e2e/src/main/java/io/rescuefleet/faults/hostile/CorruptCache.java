package io.rescuefleet.faults.hostile;

import io.rescuefleet.faults.lab.DriveSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;

/**
 * A byte of an image in the station's cache rots (its size and mtime unchanged, so the cache's own
 * record still vouches for it) while the stick needs that image written again.
 */
final class CorruptCache implements HostileCase {
  @Override
  public String kind() {
    return "hostile/corrupt-cache";
  }

  @Override
  public Expected expected() {
    return new Expected(4, "SourceFailed", List.of("cache"), false);
  }

  @Override
  public Arranged arrange(HostileLab lab, Random random) {
    var a = lab.served("a", 1, "iso/a.iso");
    DriveSpec spec = lab.spec("spec", List.of(a));
    Path image = lab.convergedStick(spec);
    lab.editor().edit(image, root -> {
      try {
        Files.delete(root.resolve("iso/a.iso")); // lost on another PC: the station must write it again
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Path object = lab.cache().resolve("objects").resolve(a.sha256());
    long at = (long) (random.nextDouble() * a.size());
    try {
      FileTime mtime = Files.getLastModifiedTime(object);
      try (RandomAccessFile f = new RandomAccessFile(object.toFile(), "rw")) {
        f.seek(at);
        int b = f.read();
        f.seek(at);
        f.write(b ^ 0x01);
      }
      Files.setLastModifiedTime(object, mtime);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Arranged(spec, image, image.toString(), List.of(), () -> { }, spec, "byte " + at + " of the cached image flipped");
  }
}
