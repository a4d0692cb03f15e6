package io.rescuefleet.station.release;

import io.rescuefleet.station.observe.EfiRegionState.BootArea;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.process.ToolFailedException;
import io.rescuefleet.station.verify.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An unpacked Ventoy release, the way its Linux tarball lays it out: {@code boot/boot.img} (MBR boot
 * code), {@code boot/core.img.xz} (GRUB core image), {@code ventoy/ventoy.disk.img.xz} (the VTOYEFI
 * partition image) and {@code ventoy/version}. Loading checks every piece before anything is written.
 */
public final class VentoyRelease {
  /** Boot code bytes of the MBR; the disk signature and partition table follow them. */
  public static final int MBR_CODE_BYTES = 440;
  /** Inside the boot code area, Ventoy keeps a 16-byte disk UUID of its own; it belongs to the stick, not the release. */
  public static final int DISK_UUID_OFFSET = 384;
  public static final int DISK_UUID_BYTES = 16;
  /** In GRUB's boot.img: the sector where core.img starts; Ventoy points it at 34 on GPT. */
  static final int BOOT_KERNEL_SECTOR_OFFSET = 92;
  /** In core.img's first sector: where its remaining sectors start; 35 on GPT. */
  static final int CORE_BLOCKLIST_OFFSET = 500;
  private static final Pattern VERSION = Pattern.compile("^[0-9]+\\.[0-9]+\\.[0-9]+$");
  private static final Pattern GRUB_VERSION = Pattern.compile("set\\s+VENTOY_VERSION\\s*=\\s*\"?([0-9.]+)\"?");

  private final Path dir;
  private final String version;
  private final byte[] bootCode;
  private final byte[] core;

  private VentoyRelease(Path dir, String version, byte[] bootCode, byte[] core) {
    this.dir = dir;
    this.version = version;
    this.bootCode = bootCode;
    this.core = core;
  }

  /** @throws ReleaseInvalidException naming the missing or damaged file */
  public static VentoyRelease load(Path dir, ProcessRunner runner) {
    if (!Files.isDirectory(dir)) {
      throw new ReleaseInvalidException("--ventoy-release " + dir + ": not a directory");
    }
    byte[] boot = read(dir.resolve("boot/boot.img"));
    if (boot.length < MBR_CODE_BYTES) {
      throw new ReleaseInvalidException(dir.resolve("boot/boot.img") + ": " + boot.length + " bytes, boot code needs "
          + MBR_CODE_BYTES);
    }
    byte[] core = unxz(dir.resolve("boot/core.img.xz"), runner);
    if (core.length == 0 || core.length > (ReleaseInfo.DATA_START_SECTOR - ReleaseInfo.MBR_CORE_SECTOR) * 512) {
      throw new ReleaseInvalidException(dir.resolve("boot/core.img.xz") + ": core image of " + core.length
          + " bytes does not fit before sector 2048");
    }
    Path image = dir.resolve("ventoy/ventoy.disk.img.xz");
    if (!Files.isRegularFile(image)) {
      throw new ReleaseInvalidException(image + ": missing");
    }
    Path versionFile = dir.resolve("ventoy/version");
    String version = Files.isRegularFile(versionFile) ? new String(read(versionFile)).strip() : null;
    if (version == null || !VERSION.matcher(version).matches()) {
      throw new ReleaseInvalidException(versionFile + ": missing or not a version like 1.1.05");
    }
    return new VentoyRelease(dir, version, Arrays.copyOf(boot, MBR_CODE_BYTES), core);
  }

  public String version() {
    return version;
  }

  public Path directory() {
    return dir;
  }

  /** The xz-compressed VTOYEFI image. */
  public Path efiImage() {
    return dir.resolve("ventoy/ventoy.disk.img.xz");
  }

  /** The MBR boot code as written for this table style (GPT points it at the core image in sector 34). */
  public byte[] bootCode(io.rescuefleet.api.v1alpha1.PartitionStyle style) {
    byte[] code = bootCode.clone();
    if (style == io.rescuefleet.api.v1alpha1.PartitionStyle.GPT) {
      code[BOOT_KERNEL_SECTOR_OFFSET] = (byte) ReleaseInfo.GPT_CORE_SECTOR;
    }
    return code;
  }

  /** The core image as written for this table style (GPT patches its own blocklist to sector 35). */
  public byte[] core(io.rescuefleet.api.v1alpha1.PartitionStyle style) {
    byte[] image = core.clone();
    if (style == io.rescuefleet.api.v1alpha1.PartitionStyle.GPT && image.length > CORE_BLOCKLIST_OFFSET) {
      image[CORE_BLOCKLIST_OFFSET] = (byte) (ReleaseInfo.GPT_CORE_SECTOR + 1);
    }
    return image;
  }

  public ReleaseInfo info() {
    var mbr = io.rescuefleet.api.v1alpha1.PartitionStyle.MBR;
    var gpt = io.rescuefleet.api.v1alpha1.PartitionStyle.GPT;
    return new ReleaseInfo(version, dir.toString(), core.length,
        new BootArea(bootCodeDigest(bootCode(mbr)), Digests.sha256(core(mbr))),
        new BootArea(bootCodeDigest(bootCode(gpt)), Digests.sha256(core(gpt))));
  }

  /** SHA-256 of MBR boot code with the stick's own disk UUID masked out, so stick and release compare. */
  public static String bootCodeDigest(byte[] code) {
    byte[] masked = Arrays.copyOf(code, MBR_CODE_BYTES);
    Arrays.fill(masked, DISK_UUID_OFFSET, DISK_UUID_OFFSET + DISK_UUID_BYTES, (byte) 0);
    return Digests.sha256(masked);
  }

  /** The version a VTOYEFI {@code grub/grub.cfg} declares, or null. */
  public static String versionFromGrubCfg(String grubCfg) {
    Matcher m = GRUB_VERSION.matcher(grubCfg);
    return m.find() ? m.group(1) : null;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ReleaseInvalidException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  private static byte[] unxz(Path file, ProcessRunner runner) {
    if (!Files.isRegularFile(file)) {
      throw new ReleaseInvalidException(file + ": missing");
    }
    Path out = null;
    try {
      out = Files.createTempFile("rescuefleet-core-", ".img");
      runner.run(Command.of("xz", "--decompress", "--stdout", file.toString()).withStdoutTo(out));
      return Files.readAllBytes(out); // the core image is about 1 MiB
    } catch (ToolFailedException e) {
      throw new ReleaseInvalidException(file + ": not a valid xz file (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot decompress " + file, e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a stray temporary file is harmless
        }
      }
    }
  }
}
