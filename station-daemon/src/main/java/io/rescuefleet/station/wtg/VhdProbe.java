package io.rescuefleet.station.wtg;

import io.rescuefleet.station.fs.StickPaths;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.observe.TableProbe;
import io.rescuefleet.station.observe.WtgVolumeState;
import io.rescuefleet.station.session.Toolbox;
import io.rescuefleet.station.wtg.bcd.BcdDevice;
import io.rescuefleet.station.wtg.vhd.VhdFooter;
import io.rescuefleet.station.wtg.volume.MarkerRead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Looks at a Windows To Go VHD on the mounted data partition, read-only: its size and footer (a fixed
 * VHD's), its own partition table, and the marker of its Windows partition through a read-only loop
 * device.
 */
final class VhdProbe {
  private final Toolbox tools;
  private final TableProbe tables;
  private final MarkerReader markers;

  VhdProbe(Toolbox tools, MarkerReader markers) {
    this.tools = tools;
    this.tables = new TableProbe(tools.runner());
    this.markers = markers;
  }

  /** The VHD at {@code path}, or empty when there is no such file. */
  Optional<WtgVolumeState> probe(Path root, String path) {
    Path file = StickPaths.resolve(root, path);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      long fileSize = Files.size(file);
      long disk = fileSize - VhdFooter.LENGTH;
      if (fileSize < VhdFooter.LENGTH + 512) {
        return Optional.of(state(path, disk, null, "is too small to be a VHD", new MarkerRead.Absent()));
      }
      VhdFooter footer;
      try {
        footer = VhdFooter.decode(read(file, disk, VhdFooter.LENGTH));
      } catch (IllegalArgumentException e) {
        return Optional.of(state(path, disk, null, "footer: " + e.getMessage(), new MarkerRead.Absent()));
      }
      if (footer.size() != disk) {
        return Optional.of(state(path, disk, null, "footer says " + footer.size() + " bytes, the file holds " + disk,
            new MarkerRead.Absent()));
      }
      Optional<PartitionEntry> windows = windowsPartition(file, disk);
      if (windows.isEmpty()) {
        return Optional.of(state(path, disk, null, "has no Windows partition", new MarkerRead.Absent()));
      }
      BcdDevice identity = WindowsToGoWork.bootDevice(tables.read(file.toString()), windows.get());
      try (LoopDevice loop = attach(file, windows.get())) {
        if (!tools.probe().probe(loop.path()).is("ntfs")) {
          return Optional.of(state(path, disk, identity, "its partition holds no NTFS", new MarkerRead.Absent()));
        }
        return Optional.of(state(path, disk, identity, null, markers.read(loop.path())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** The VHD's Windows partition: the first of its MBR table, within the disk. */
  Optional<PartitionEntry> windowsPartition(Path file, long diskBytes) {
    PartitionTable inner = tables.read(file.toString());
    return inner.partition(1).filter(p -> PartitionTable.DOS.equals(inner.label()))
        .filter(p -> p.region().endSector() * 512 <= diskBytes);
  }

  /** A read-only loop device over the VHD's Windows partition. */
  LoopDevice attach(Path file, PartitionEntry windows) {
    return tools.loops().attach(file.toString(), windows.region().offsetBytes(), windows.region().sizeBytes(), true);
  }

  private static WtgVolumeState state(String path, long disk, BcdDevice identity, String problem, MarkerRead marker) {
    return new WtgVolumeState(WtgTarget.VhdFile, 0, null, path, disk, identity, problem, marker, null);
  }

  private static byte[] read(Path file, long offset, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
      while (b.hasRemaining()) {
        if (c.read(b, offset + b.position()) < 0) {
          throw new IOException("end of " + file + " at " + (offset + b.position()));
        }
      }
    }
    return b.array();
  }
}
