package io.rescuefleet.station.wtg;

import io.rescuefleet.station.fs.StickPaths;
import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.cache.CachedImage;
import io.rescuefleet.station.device.RegionDevice;
import io.rescuefleet.station.execute.WtgWork;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.layout.VentoyPartitionTypes;
import io.rescuefleet.station.manifest.StickManifest.WtgRecord;
import io.rescuefleet.station.observe.TableProbe;
import io.rescuefleet.station.plan.ApplyWtg;
import io.rescuefleet.station.plan.CreateWtgPartition;
import io.rescuefleet.station.plan.PrepareWtgImage;
import io.rescuefleet.station.plan.RemoveWtg;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.session.Toolbox;
import io.rescuefleet.station.wtg.bcd.BcdDevice;
import io.rescuefleet.station.wtg.bcd.BcdStore;
import io.rescuefleet.station.wtg.image.ImageSelection;
import io.rescuefleet.station.wtg.image.WimTool;
import io.rescuefleet.station.wtg.registry.Hivex;
import io.rescuefleet.station.wtg.volume.ImagePreparer;
import io.rescuefleet.station.wtg.volume.NtfsTools;
import io.rescuefleet.station.wtg.volume.PreparedImage;
import io.rescuefleet.station.wtg.volume.VolumeRequest;
import io.rescuefleet.station.wtg.volume.WtgMarker;
import io.rescuefleet.station.wtg.volume.WtgVolumeWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * The real Windows To Go work: sfdisk for the partition entry, {@link WtgVolumeWriter} for the volume
 * (on the partition's region, or inside a VHD built by {@link VhdBuilder}), wipefs and sfdisk or a
 * file delete to remove one.
 */
public final class WindowsToGoWork implements WtgWork {
  /** GPT partition name of the Windows To Go partition. */
  public static final String PARTITION_NAME = "Windows To Go";

  private final Toolbox tools;
  private final ImagePreparer preparer;
  private final WtgVolumeWriter writer;
  private final VhdBuilder vhds;
  private final TableProbe tables;
  private final Clock clock;

  public WindowsToGoWork(Toolbox tools, Clock clock) {
    this.tools = tools;
    WimTool wim = new WimTool(tools.runner());
    this.preparer = new ImagePreparer(wim);
    Hivex hivex = new Hivex(tools.runner());
    this.writer = new WtgVolumeWriter(new NtfsTools(tools.runner()), wim, tools.mounter(), tools.blocks(),
        new BcdStore(hivex), hivex);
    this.vhds = new VhdBuilder(tools, writer);
    this.tables = new TableProbe(tools.runner());
    this.clock = clock;
  }

  @Override
  public PreparedImage prepare(PrepareWtgImage a, CachedImage image) {
    return preparer.prepare(image.file(), a.sha256(), new ImageSelection(a.index(), a.edition()),
        "WtgProfile \"" + a.profile() + "\"'s image " + a.sha256().substring(0, 12), UUID.randomUUID().getLeastSignificantBits(),
        a.driversPath());
  }

  @Override
  public void createPartition(String disk, CreateWtgPartition a) {
    String entry = a.style() == PartitionStyle.GPT
        ? String.format("start=%d, size=%d, type=%s, name=\"%s\"%n", a.region().startSector(), a.region().sectors(),
            VentoyPartitionTypes.GPT_DATA, PARTITION_NAME)
        : String.format("start=%d, size=%d, type=%s%n", a.region().startSector(), a.region().sectors(),
            VentoyPartitionTypes.MBR_DATA);
    tools.runner().run(Command.of("sfdisk", "--quiet", "--no-reread", "--no-tell-kernel", "-N",
        Integer.toString(a.number()), disk).withStdin(entry.getBytes(StandardCharsets.US_ASCII)));
    rereadIfRealDisk(disk);
  }

  @Override
  public WtgRecord apply(StickSession session, ApplyWtg a, PreparedImage image, Cancellation cancellation,
      LongConsumer progress) {
    UUID applyId = UUID.randomUUID();
    byte[] unattend = WtgUnattend.render(a.wtg(), a.serial(), image.architecture());
    WtgMarker marker;
    if (a.wtg().target() == WtgTarget.Partition) {
      session.quiesced(); // the table and the volume are reached through their own devices from here on
      PartitionTable table = tables.read(session.disk());
      PartitionEntry p = table.partition(a.partition()).filter(e -> e.region().equals(a.region())).orElseThrow(
          () -> new IllegalStateException("partition " + a.partition() + " is not at " + a.region() + " on " + session.disk()));
      BcdDevice identity = bootDevice(table, p);
      if (identity == null) {
        throw new IllegalStateException("the partition table of " + session.disk() + " gives partition " + a.partition()
            + " no identity a BCD store can name");
      }
      VolumeRequest request = new VolumeRequest(applyId, a.wtg().profileName(), a.wtg().target().name(), unattend,
          a.wtg().unattend().sanPolicy(), a.wtg().driversPath(), identity, p.start(), clock.instant());
      try (RegionDevice device = tools.regions().open(session.disk(), p.region())) {
        marker = writer.write(device.path(), image, request, progress);
      }
    } else {
      marker = vhds.build(session.writableRoot(), a.wtg().vhdPath(), a.wtg().sizeMiB(), image,
          new VolumeRequest(applyId, a.wtg().profileName(), a.wtg().target().name(), unattend,
              a.wtg().unattend().sanPolicy(), a.wtg().driversPath(), null, 0, clock.instant()),
          cancellation, progress);
    }
    return WtgRecords.of(marker, a.target());
  }

  @Override
  public void remove(StickSession session, RemoveWtg a) {
    if (a.kind() == WtgTarget.VhdFile) {
      Path file = StickPaths.resolve(session.writableRoot(), a.vhdPath());
      try {
        if (Files.deleteIfExists(file)) {
          fsyncDirectory(file.getParent());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + a.vhdPath(), e);
      }
      return;
    }
    session.quiesced();
    PartitionTable table = tables.read(session.disk());
    if (table.partition(a.partition()).filter(p -> p.region().equals(a.region())).isEmpty()) {
      return; // already gone
    }
    // Its signatures go first, so what remains in the reserved space is never taken for a good apply.
    try (RegionDevice device = tools.regions().open(session.disk(), a.region())) {
      tools.runner().run(Command.of("wipefs", "--all", "--quiet", device.path()));
    }
    tools.runner().run(Command.of("sfdisk", "--quiet", "--no-reread", "--no-tell-kernel", "--delete", session.disk(),
        Integer.toString(a.partition())));
    rereadIfRealDisk(session.disk());
  }

  /**
   * The partition as the BCD names it: GPT disk and partition GUIDs, or MBR disk signature and byte
   * offset; null when the table does not say (then no BCD can name it).
   */
  static BcdDevice bootDevice(PartitionTable table, PartitionEntry p) {
    try {
      if (PartitionTable.GPT.equals(table.label())) {
        return BcdDevice.gpt(UUID.fromString(table.id()), UUID.fromString(p.uuid()));
      }
      return BcdDevice.mbr(Long.parseLong(table.id().replaceFirst("^0x", ""), 16), p.region().offsetBytes());
    } catch (RuntimeException e) {
      return null; // an identifier missing or not in sfdisk's usual form
    }
  }

  private void rereadIfRealDisk(String disk) {
    if (!disk.startsWith("/dev/loop")) {
      // A real stick shows the change once it is done; a busy disk keeps the old view, which is harmless.
      tools.runner().runAllowingFailure(Command.of("blockdev", "--rereadpt", disk));
    }
  }

  static void fsyncDirectory(Path dir) throws IOException {
    try (var channel = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
