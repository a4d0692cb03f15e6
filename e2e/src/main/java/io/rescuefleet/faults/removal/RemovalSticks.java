package io.rescuefleet.faults.removal;

import io.rescuefleet.faults.lab.DetachableMedium;
import io.rescuefleet.faults.lab.DrillAssets;
import io.rescuefleet.faults.lab.DriveSpec;
import io.rescuefleet.faults.lab.SpecYaml;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testkit.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The drill's four sticks, one per phase, each with two specs whose transition goes through it: ISO
 * sync (one image replaced at its path, one deleted, one added), ventoy.json (the menu settings),
 * repartitioning (GPT and MBR), and Windows To Go (edition Pro and Home applied to partition 3).
 */
final class RemovalSticks {
  /** Sizes of the images img0..img3 the sticks carry. */
  static final long[] IMAGE_SIZES = {12L << 20, (10L << 20) + 4321, (12L << 20) + 777_777, (9L << 20) + 12345};

  private RemovalSticks() {}

  static List<RemovalStick> create(Path dir, DrillAssets assets, ProcessRunner runner) {
    List<RemovalStick> sticks = new ArrayList<>();
    try {
      sticks.add(stick(dir, runner, Phase.ISO_SYNC, 160L << 20,
          spec(dir, "iso-a", new SpecYaml.Drive("iso-stick", "FAULT0001", "GPT", 0, 5, "TreeView"),
              List.of(entry(assets, "a", 0, "iso/a.iso"), entry(assets, "b", 1, "iso/b.iso")), null),
          spec(dir, "iso-b", new SpecYaml.Drive("iso-stick", "FAULT0001", "GPT", 0, 5, "TreeView"),
              List.of(entry(assets, "a", 2, "iso/a.iso"), entry(assets, "c", 3, "iso/c.iso")), null)));
      sticks.add(stick(dir, runner, Phase.VENTOY_JSON, 128L << 20,
          spec(dir, "json-a", new SpecYaml.Drive("json-stick", "FAULT0002", "GPT", 0, 5, "TreeView"),
              List.of(entry(assets, "a", 1, "iso/a.iso")), null),
          spec(dir, "json-b", new SpecYaml.Drive("json-stick", "FAULT0002", "GPT", 0, 10, "ListView"),
              List.of(entry(assets, "a", 1, "iso/a.iso")), null)));
      List<SpecYaml.Entry> both = List.of(entry(assets, "a", 1, "iso/a.iso"), entry(assets, "b", 3, "iso/b.iso"));
      sticks.add(stick(dir, runner, Phase.REPARTITION, 160L << 20,
          spec(dir, "layout-gpt", new SpecYaml.Drive("layout-stick", "FAULT0003", "GPT", 0, 5, "TreeView"), both, null),
          spec(dir, "layout-mbr", new SpecYaml.Drive("layout-stick", "FAULT0003", "MBR", 0, 5, "TreeView"), both, null)));
      String wim = assets.wim().toUri().toString();
      sticks.add(stick(dir, runner, Phase.WTG_APPLY, 1100L << 20,
          spec(dir, "wtg-pro", new SpecYaml.Drive("wtg-stick", "FAULT0004", "GPT", 1024, 5, "TreeView"),
              List.of(entry(assets, "a", 3, "iso/a.iso")), new SpecYaml.Wtg(wim, assets.wimSha256(), 1, 1024)),
          spec(dir, "wtg-home", new SpecYaml.Drive("wtg-stick", "FAULT0004", "GPT", 1024, 5, "TreeView"),
              List.of(entry(assets, "a", 3, "iso/a.iso")), new SpecYaml.Wtg(wim, assets.wimSha256(), 2, 1024))));
      return sticks;
    } catch (RuntimeException e) {
      sticks.forEach(s -> s.medium().close());
      throw e;
    }
  }

  private static RemovalStick stick(Path dir, ProcessRunner runner, Phase phase, long size, DriveSpec a, DriveSpec b) {
    DetachableMedium medium = DetachableMedium.create(dir.resolve("media").resolve(phase.label()), size + (96L << 20), runner);
    return new RemovalStick(phase, medium, "stick.img", size, a, b);
  }

  private static DriveSpec spec(Path dir, String name, SpecYaml.Drive drive, List<SpecYaml.Entry> entries, SpecYaml.Wtg wtg) {
    return DriveSpec.write(dir.resolve("specs"), name, SpecYaml.of(drive, entries, wtg));
  }

  private static SpecYaml.Entry entry(DrillAssets assets, String name, int image, String path) {
    TestImages.Image img = assets.image(image);
    return new SpecYaml.Entry(name, img.url(), img.sha256(), img.size(), path);
  }
}
