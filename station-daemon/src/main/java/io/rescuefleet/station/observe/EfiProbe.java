package io.rescuefleet.station.observe;

import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.station.device.RawDevice;
import io.rescuefleet.station.fs.FsSignature;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessResult;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.release.ReleaseInfo;
import io.rescuefleet.station.release.VentoyRelease;
import io.rescuefleet.station.verify.Digests;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Looks at Ventoy's boot side of a stick without mounting anything: VTOYEFI's filesystem, the version
 * its {@code grub/grub.cfg} declares and its EFI layout (read with mtools), and digests of the boot
 * code in front of the data partition.
 */
public final class EfiProbe {
  private final ProcessRunner runner;

  public EfiProbe(ProcessRunner runner) {
    this.runner = runner;
  }

  /**
   * @param release where to look for the core image (null: boot code digests are not computed)
   * @param style the table style the core image location depends on
   */
  public EfiRegionState probe(String disk, String efiDevice, FsSignature signature, ReleaseInfo release,
      PartitionStyle style) {
    String version = null;
    Boolean secureBoot = null;
    if (signature.is("vfat")) {
      ProcessResult cfg = runner.run(mtools("mtype", "-i", efiDevice, "::/grub/grub.cfg").allowingExitCodes(1));
      if (cfg.exitCode() == 0) {
        version = VentoyRelease.versionFromGrubCfg(cfg.stdout());
      }
      ProcessResult boot = runner.run(mtools("mdir", "-b", "-i", efiDevice, "::/EFI/BOOT").allowingExitCodes(1));
      if (boot.exitCode() == 0) {
        String listing = boot.stdout().toLowerCase(Locale.ROOT);
        // Ventoy's Secure Boot layout keeps the real GRUB next to the shim; without it, GRUB is BOOTX64.EFI.
        secureBoot = listing.contains("grubx64_real.efi") ? Boolean.TRUE
            : listing.contains("bootx64.efi") ? Boolean.FALSE : null;
      }
    }
    EfiRegionState.BootArea area = release == null ? null : bootArea(disk, release, style);
    return new EfiRegionState(signature, version, secureBoot, area);
  }

  private static EfiRegionState.BootArea bootArea(String disk, ReleaseInfo release, PartitionStyle style) {
    long coreStart = ReleaseInfo.coreSector(style) * 512;
    long end = RawDevice.alignUp(coreStart + release.coreBytes());
    ByteBuffer head = RawDevice.allocate((int) end);
    try (RawDevice raw = RawDevice.openForRead(disk)) {
      raw.readFully(0, head);
    }
    head.flip();
    byte[] code = new byte[VentoyRelease.MBR_CODE_BYTES];
    head.get(0, code);
    byte[] core = new byte[(int) release.coreBytes()];
    head.get((int) coreStart, core);
    return new EfiRegionState.BootArea(VentoyRelease.bootCodeDigest(code), Digests.sha256(core));
  }

  static Command mtools(String... argv) {
    // mtools checks disk geometry it does not need for images and devices; skip that check.
    return Command.of(argv).withEnv("MTOOLS_SKIP_CHECK", "1");
  }
}
