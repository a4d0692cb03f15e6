package io.rescuefleet.faults.lab;

import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testkit.SyntheticVentoyRelease;
import io.rescuefleet.station.testkit.TestImages;
import io.rescuefleet.station.testkit.TestWims;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the drills write sticks from, under one work directory: generated ISO-like images, a synthetic
 * Ventoy release, a two-edition install.wim, and the station's image cache (shared by the CLI runs and
 * the in-process engine, as on a real station).
 */
public final class DrillAssets {
  private final Path dir;
  private final Path release;
  private final Path cache;
  private final List<TestImages.Image> images = new ArrayList<>();
  private final Path wim;
  private final String wimSha256;

  private DrillAssets(Path dir, Path release, Path wim, String wimSha256) {
    this.dir = dir;
    this.release = release;
    this.cache = dir.resolve("cache");
    this.wim = wim;
    this.wimSha256 = wimSha256;
  }

  /** Images {@code img0, img1, ...} of the given sizes (seeded content), the release and the WIM. */
  public static DrillAssets create(Path dir, long... imageSizes) {
    ProcessRunner runner = new ProcessRunner();
    try {
      Path release = SyntheticVentoyRelease.create(dir.resolve("release"), "1.1.05", runner);
      Path wim = new TestWims().twoEditions(dir.resolve("wim"), true);
      DrillAssets assets = new DrillAssets(dir, release, wim, TestWims.sha256(wim));
      for (int i = 0; i < imageSizes.length; i++) {
        assets.images.add(TestImages.write(dir.resolve("src/img" + i + ".iso"), imageSizes[i], 7000 + i));
      }
      return assets;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the drill's images in " + dir, e);
    }
  }

  public Path dir() {
    return dir;
  }

  public Path release() {
    return release;
  }

  public Path cache() {
    return cache;
  }

  public TestImages.Image image(int i) {
    return images.get(i);
  }

  public Path wim() {
    return wim;
  }

  public String wimSha256() {
    return wimSha256;
  }
}
