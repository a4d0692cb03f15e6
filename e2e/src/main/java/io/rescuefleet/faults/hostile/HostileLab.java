package io.rescuefleet.faults.hostile;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.faults.lab.DrillAssets;
import io.rescuefleet.faults.lab.DriveSpec;
import io.rescuefleet.faults.lab.LocalStation;
import io.rescuefleet.faults.lab.SpecYaml;
import io.rescuefleet.faults.lab.StickEditor;
import io.rescuefleet.station.engine.EngineResult;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testkit.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the hostile cases set their conditions up: the images, the hostile source serving them, and
 * for each run a fresh directory with an image cache of its own (so no run is helped by what an
 * earlier one fetched) and the in-process engine over that cache.
 */
public final class HostileLab {
  /** Sizes of img0 (small), img1 (medium) and img2 (larger than a small stick). */
  static final long[] IMAGE_SIZES = {3L << 20, (5L << 20) + 777, 40L << 20};
  static final long STICK = 128L << 20;

  private final Path workDir;
  private final DrillAssets assets;
  private final HostileSource source;
  private final ProcessRunner runner = new ProcessRunner();
  private final StickEditor editor = new StickEditor(runner);
  private int run;
  private Path runDir;
  private LocalStation station;

  HostileLab(Path workDir, DrillAssets assets, HostileSource source) {
    this.workDir = workDir;
    this.assets = assets;
    this.source = source;
  }

  /** Starts the next run's corner of the lab. */
  void next() {
    run++;
    try {
      runDir = Files.createDirectories(workDir.resolve(String.format("run-%03d", run)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    station = new LocalStation(cache(), assets.release());
  }

  Path dir() {
    return runDir;
  }

  Path cache() {
    return runDir.resolve("cache");
  }

  Path release() {
    return assets.release();
  }

  LocalStation station() {
    return station;
  }

  HostileSource source() {
    return source;
  }

  ProcessRunner runner() {
    return runner;
  }

  StickEditor editor() {
    return editor;
  }

  TestImages.Image image(int i) {
    return assets.image(i);
  }

  /** Serves image {@code i} under a name of this run; returns its catalog entry at {@code path}. */
  SpecYaml.Entry served(String entry, int i, String path) {
    TestImages.Image img = assets.image(i);
    try {
      String url = source.put(String.format("r%03d-%s.iso", run, entry), Files.readAllBytes(img.file()));
      return new SpecYaml.Entry(entry, url, img.sha256(), img.size(), path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The name {@link #served} gave entry {@code entry} on the source. */
  String sourceName(String entry) {
    return String.format("r%03d-%s.iso", run, entry);
  }

  DriveSpec spec(String name, List<SpecYaml.Entry> entries) {
    return DriveSpec.write(runDir, name, SpecYaml.of(new SpecYaml.Drive("hostile-stick", "HOSTILE1", "GPT", 0, 5,
        "TreeView"), entries, null));
  }

  /** A stick image of this run, converged to {@code spec} in-process. */
  Path convergedStick(DriveSpec spec) {
    Path image = runDir.resolve("stick.img");
    EngineResult r = station.apply(image, STICK, spec, VerifyMode.Quick);
    if (!r.converged()) {
      throw new IllegalStateException("the hostile drill's stick did not converge to " + spec + ": "
          + (r.failure() == null ? r.notes() : r.failure().message()));
    }
    return image;
  }
}
