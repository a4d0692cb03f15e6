package io.rescuefleet.station.execute;

import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.station.cache.SourceFailedException;
import io.rescuefleet.station.device.BlockDevices;
import io.rescuefleet.station.device.RawDevice;
import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.release.ReleaseInfo;
import io.rescuefleet.station.release.VentoyRelease;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Installs a Ventoy release where Ventoy's own installer puts it: the MBR boot code in bytes 0..439
 * (disk signature and table untouched; Ventoy's 16-byte disk UUID at 384 kept, or made for a new
 * stick), the core image after sector 0 (MBR) or after the primary GPT (sector 34), and the VTOYEFI
 * image over the whole VTOYEFI partition. With Secure Boot support off,
 * the EFI files are rearranged as the installer does, with mtools.
 */
public final class VentoyBootWork implements BootWork {
  private static final int WRITE_CHUNK = 4 << 20;

  private final ProcessRunner runner;
  private final BlockDevices blocks;

  public VentoyBootWork(ProcessRunner runner, BlockDevices blocks) {
    this.runner = runner;
    this.blocks = blocks;
  }

  @Override
  public long writeBootCode(String disk, VentoyRelease release, PartitionStyle style) {
    byte[] code = release.bootCode(style);
    byte[] core = release.core(style);
    long coreStart = ReleaseInfo.coreSector(style) * 512;
    long end = RawDevice.alignUp(coreStart + core.length);
    ByteBuffer head = RawDevice.allocate((int) end);
    try (RawDevice raw = RawDevice.openForWrite(disk)) {
      // Read-modify-write: the disk signature, the table (and on GPT the primary header) stay as they are.
      raw.readFully(0, head);
      byte[] uuid = new byte[VentoyRelease.DISK_UUID_BYTES];
      head.get(VentoyRelease.DISK_UUID_OFFSET, uuid);
      if (java.util.Arrays.equals(uuid, new byte[uuid.length])) {
        uuid = diskUuid(); // a new stick gets the random disk UUID Ventoy's installer gives it; an old one keeps its own
      }
      head.put(0, code);
      head.put(VentoyRelease.DISK_UUID_OFFSET, uuid);
      head.put((int) coreStart, core);
      head.flip();
      raw.writeFully(0, head);
      raw.force();
    }
    return end;
  }

  private static byte[] diskUuid() {
    java.util.UUID u = java.util.UUID.randomUUID();
    return java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
  }

  @Override
  public long writeEfiImage(String efiDevice, VentoyRelease release, boolean secureBoot, LongConsumer progress) {
    Path image = null;
    try {
      image = Files.createTempFile("rescuefleet-vtoyefi-", ".img");
      runner.run(Command.of("xz", "--decompress", "--stdout", release.efiImage().toString()).withStdoutTo(image));
      long expected = DesiredLayout.EFI_SECTORS * 512;
      if (Files.size(image) != expected) {
        throw new SourceFailedException(release.efiImage() + ": VTOYEFI image has " + Files.size(image)
            + " bytes, expected " + expected);
      }
      long written = 0;
      ByteBuffer buffer = RawDevice.allocate(WRITE_CHUNK);
      try (InputStream in = Files.newInputStream(image); RawDevice raw = RawDevice.openForWrite(efiDevice)) {
        byte[] chunk = new byte[WRITE_CHUNK];
        int n;
        while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
          buffer.clear();
          buffer.put(chunk, 0, n).flip();
          raw.writeFully(written, buffer);
          written += n;
          progress.accept(n);
        }
        raw.force();
      }
      if (!secureBoot) {
        dropSecureBootShim(efiDevice);
      }
      blocks.dropCache(efiDevice); // writes mtools made through the page cache go to the medium
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the VTOYEFI image to " + efiDevice, e);
    } finally {
      if (image != null) {
        try {
          Files.deleteIfExists(image);
        } catch (IOException e) {
          // a stray 32 MiB temporary file is harmless
        }
      }
    }
  }

  /** Without Secure Boot, Ventoy boots its real GRUB directly: the shim and its helpers go. */
  private void dropSecureBootShim(String efiDevice) {
    var listing = runner.run(mtools("mdir", "-b", "-i", efiDevice, "::/EFI/BOOT").allowingExitCodes(1)).stdout();
    if (!listing.toLowerCase(java.util.Locale.ROOT).contains("grubx64_real.efi")) {
      return; // an image without the Secure Boot layout has nothing to rearrange
    }
    for (String file : new String[] {"::/EFI/BOOT/BOOTX64.EFI", "::/EFI/BOOT/grubx64.efi", "::/EFI/BOOT/MokManager.efi",
        "::/ENROLL_THIS_KEY_IN_MOKMANAGER.cer"}) {
      runner.run(mtools("mdel", "-i", efiDevice, file).allowingExitCodes(1));
    }
    runner.run(mtools("mren", "-i", efiDevice, "::/EFI/BOOT/grubx64_real.efi", "::/EFI/BOOT/BOOTX64.EFI"));
  }

  private static Command mtools(String... argv) {
    return Command.of(argv).withEnv("MTOOLS_SKIP_CHECK", "1");
  }
}
