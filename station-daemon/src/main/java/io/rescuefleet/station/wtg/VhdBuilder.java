package io.rescuefleet.station.wtg;

import io.rescuefleet.station.fs.StickPaths;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.execute.InsufficientSpaceException;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.observe.VolumeProbe;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.session.Toolbox;
import io.rescuefleet.station.wtg.bcd.BcdDevice;
import io.rescuefleet.station.wtg.vhd.VhdFooter;
import io.rescuefleet.station.wtg.vhd.VhdLayout;
import io.rescuefleet.station.wtg.volume.PreparedImage;
import io.rescuefleet.station.wtg.volume.VolumeRequest;
import io.rescuefleet.station.wtg.volume.WtgMarker;
import io.rescuefleet.station.wtg.volume.WtgVolumeWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.function.LongConsumer;

/**
 * Builds a Windows To Go fixed VHD on the mounted data partition: the raw disk under RescueFleet's
 * staging name, partitioned (MBR, see {@link VhdLayout}) and written through loop devices like a
 * partition target, then the footer, then renamed over {@code vhdPath}. Until that rename the previous
 * VHD, if any, stays whole; an interrupted build leaves only a staging file, which the next run cleans.
 */
final class VhdBuilder {
  /** Room kept free beyond the VHD, for clusters and directory entries. */
  private static final long SLACK = 1L << 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Toolbox tools;
  private final WtgVolumeWriter writer;

  VhdBuilder(Toolbox tools, WtgVolumeWriter writer) {
    this.tools = tools;
    this.writer = writer;
  }

  WtgMarker build(Path root, String vhdPath, long sizeMiB, PreparedImage image, VolumeRequest request,
      Cancellation cancellation, LongConsumer progress) {
    long disk = VhdLayout.diskBytes(sizeMiB);
    Path target = StickPaths.resolve(root, vhdPath);
    Path staged = root.resolve(VolumeProbe.STAGING_DIR).resolve(target.getFileName() + "."
        + request.applyId().toString().substring(0, 8) + ".part");
    try {
      Files.createDirectories(staged.getParent());
      long usable = Files.getFileStore(root).getUsableSpace();
      if (VhdLayout.fileBytes(sizeMiB) + SLACK > usable) {
        throw new InsufficientSpaceException(vhdPath + " needs " + VhdLayout.fileBytes(sizeMiB)
            + " bytes, the data partition has " + usable + " free");
      }
      try (RandomAccessFile f = new RandomAccessFile(staged.toFile(), "rw")) {
        f.setLength(disk);
      }
      long signature = 1 + (RANDOM.nextInt() & 0x7FFFFFFFL);
      try (LoopDevice loop = tools.loops().attach(staged.toString(), 0, disk)) {
        tools.runner().run(Command.of("sfdisk", "--quiet", "--no-reread", "--no-tell-kernel", loop.path())
            .withStdin(VhdLayout.sfdiskScript(signature).getBytes(StandardCharsets.US_ASCII)));
      }
      cancellation.check();
      long offset = VhdLayout.PARTITION_START * 512;
      WtgMarker marker;
      VolumeRequest inside = new VolumeRequest(request.applyId(), request.profile(), request.target(), request.unattend(),
          request.sanPolicy(), request.driversPath(), BcdDevice.mbr(signature, offset), VhdLayout.PARTITION_START,
          request.appliedAt());
      try (LoopDevice partition = tools.loops().attach(staged.toString(), offset, disk - offset)) {
        marker = writer.write(partition.path(), image, inside, progress);
      }
      try (FileChannel out = FileChannel.open(staged, StandardOpenOption.WRITE)) {
        ByteBuffer footer = ByteBuffer.wrap(VhdFooter.fixed(disk, request.appliedAt(), request.applyId()).encode());
        while (footer.hasRemaining()) {
          out.write(footer, disk + footer.position());
        }
        out.force(true);
      }
      Files.createDirectories(target.getParent());
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      WindowsToGoWork.fsyncDirectory(target.getParent());
      WindowsToGoWork.fsyncDirectory(staged.getParent());
      return marker;
    } catch (IOException e) {
      deleteQuietly(staged);
      throw new UncheckedIOException("cannot build " + vhdPath, e);
    } catch (RuntimeException e) {
      deleteQuietly(staged);
      throw e;
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the next run cleans the staging directory
    }
  }
}
