package io.rescuefleet.station.engine;

import static io.rescuefleet.station.testing.StickLab.mib;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.cache.ImageCache;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testing.StickLab;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image rotting in the station's cache (size and mtime unchanged, so its record still vouches for it),
 * as the hostile-conditions drill rots one: the run that copies it says the cache is at fault, leaves
 * no wrong copy on the stick and drops the image from the cache; the next run fetches it and converges.
 */
class CorruptCacheComponentTest {
  @TempDir
  static Path shared;
  static StickLab lab;

  @TempDir
  Path dir;

  @BeforeAll
  static void lab() {
    Machine.requireEngineTools();
    lab = new StickLab(shared, mib(3) + 11, mib(2));
  }

  @Test
  void aRottenCachedImageIsFetchedAgainInsteadOfBlamingTheStickForever() throws IOException {
    String yaml = lab.drive("GPT", "exFAT");
    Path image = dir.resolve("stick.img");
    assertThat(lab.apply(image, mib(128), yaml, VerifyMode.Quick).converged()).isTrue();
    lab.edit(image, root -> delete(root.resolve(StickLab.path(0))));
    Path object = lab.cache.resolve("objects").resolve(lab.images.get(0).sha256());
    FileTime mtime = Files.getLastModifiedTime(object);
    try (RandomAccessFile f = new RandomAccessFile(object.toFile(), "rw")) {
      f.seek(12345);
      int b = f.read();
      f.seek(12345);
      f.write(b ^ 0x10);
    }
    Files.setLastModifiedTime(object, mtime);
    assertThat(new ImageCache(lab.cache, new ProcessRunner()).lookup(lab.images.get(0).sha256())).isPresent();

    EngineResult rotten = lab.apply(image, 0, yaml, VerifyMode.Quick);
    assertThat(rotten.converged()).isFalse();
    assertThat(rotten.failure().reason()).isEqualTo("SourceFailed");
    assertThat(rotten.failure().message()).contains("cached copy of img0", "is corrupt");
    assertThat(new ImageCache(lab.cache, new ProcessRunner()).lookup(lab.images.get(0).sha256())).isEmpty();
    assertThat(lab.inspect(image, VerifyMode.Quick).files()).extracting(Inspection.FileView::path)
        .as("no wrong copy left on the stick").doesNotContain(StickLab.path(0));

    EngineResult next = lab.apply(image, 0, yaml, null);
    assertThat(next.converged()).isTrue();
    assertThat(lab.inspect(image, VerifyMode.Full).verify().mismatches()).isZero();
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
