package io.rescuefleet.faults;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.device.ImageFileTarget;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.device.RegionDevice;
import io.rescuefleet.station.device.RegionDevices;
import io.rescuefleet.station.engine.ConvergeOptions;
import io.rescuefleet.station.engine.EngineListener;
import io.rescuefleet.station.engine.Inspection;
import io.rescuefleet.station.engine.StationEngine;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.fs.MountedVolume;
import io.rescuefleet.station.fs.Mounter;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.observe.TableProbe;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a drill does with a stick it pulled out of a hub, as a person at another PC would: looks at
 * it (a Full verification of every file against what the catalog says it must hold) and damages it
 * (deletes a file, so the next insertion has drift to correct).
 */
final class PulledStick {
  private final ProcessRunner runner = new ProcessRunner();
  private final LoopDevices loops = new LoopDevices(runner);
  private final StationEngine engine;

  PulledStick(Path cacheDir) {
    this.engine = StationEngine.create(runner, cacheDir);
  }

  /**
   * What is wrong with the stick in {@code image}, given the files ({@code path -> sha256}) it must
   * hold: nothing (an empty list) when its manifest lists exactly those, and every one verifies.
   */
  List<String> problems(Path image, Map<String, String> expected) {
    List<String> problems = new ArrayList<>();
    Inspection inspection;
    try (ImageFileTarget target = ImageFileTarget.attach(image, null, loops)) {
      inspection = engine.inspect(target, VerifyMode.Full, ConvergeOptions.defaults(), EngineListener.NONE,
          new Cancellation());
    } catch (RuntimeException e) {
      return List.of("inspect failed: " + e.getMessage());
    }
    StickManifest manifest = inspection.manifest();
    if (manifest == null) {
      return List.of("no manifest (" + inspection.manifestStatus() + ")");
    }
    Map<String, String> listed = new TreeMap<>();
    manifest.files().forEach(f -> listed.put(f.path(), f.sha256()));
    if (!listed.equals(new TreeMap<>(expected))) {
      problems.add("manifest lists " + listed.keySet() + ", the catalog wants " + new TreeMap<>(expected).keySet());
    }
    for (Inspection.FileView f : inspection.files()) {
      if (expected.containsKey(f.path()) && !"verified".equals(f.state())) {
        problems.add(f.path() + " is " + f.state());
      }
      if (expected.containsKey(f.path()) && f.sha256() != null && !expected.get(f.path()).equals(f.sha256())) {
        problems.add(f.path() + " hashes to " + f.sha256() + ", not " + expected.get(f.path()));
      }
    }
    for (String path : expected.keySet()) {
      if (inspection.files().stream().noneMatch(f -> f.path().equals(path))) {
        problems.add(path + " is missing");
      }
    }
    if (inspection.verify() == null || inspection.verify().mismatches() > 0) {
      problems.add("verification " + (inspection.verify() == null ? "did not run" : "found "
          + inspection.verify().mismatches() + " mismatches"));
    }
    return problems;
  }

  /** Deletes {@code path} from the stick's data partition through its filesystem. */
  void delete(Path image, String path) throws IOException {
    try (LoopDevice disk = loops.attach(image.toString(), 0, 0)) {
      PartitionEntry data = new TableProbe(runner).read(disk.path()).partitions().stream()
          .filter(p -> p.number() == 1).findFirst()
          .orElseThrow(() -> new IOException(image + " has no data partition"));
      try (RegionDevice partition = new RegionDevices(loops).open(disk.path(), data.region());
           MountedVolume volume = new Mounter(runner).mount(partition.path(), DataFilesystem.exFAT, false)) {
        Files.delete(volume.root().resolve(path));
      }
    }
  }
}
