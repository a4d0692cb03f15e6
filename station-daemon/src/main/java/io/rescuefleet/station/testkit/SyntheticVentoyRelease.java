package io.rescuefleet.station.testkit;

import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a stand-in for an unpacked Ventoy release, with the real file structure but small synthetic
 * content: there is no network here to fetch a real one. {@code boot/boot.img} and
 * {@code boot/core.img.xz} hold recognisable patterns (they would not boot); the VTOYEFI image is a
 * real 32 MiB FAT16 filesystem made with mkfs.vfat and mtools, holding {@code grub/grub.cfg} with the
 * version and the EFI files of Ventoy's Secure Boot layout. For tests, the demo and the benchmark.
 */
public final class SyntheticVentoyRelease {
  /** Size of the synthetic core image: small, but more than one sector so its GPT patch applies. */
  public static final int CORE_BYTES = 64 * 1024;

  private SyntheticVentoyRelease() {}

  public static Path create(Path dir, String version, ProcessRunner runner) {
    try {
      Files.createDirectories(dir.resolve("boot"));
      Files.createDirectories(dir.resolve("ventoy"));
      byte[] boot = pattern(512, "RescueFleet synthetic boot.img " + version);
      boot[510] = 0x55;
      boot[511] = (byte) 0xAA;
      Files.write(dir.resolve("boot/boot.img"), boot);

      Path core = dir.resolve("boot/core.img");
      Files.write(core, pattern(CORE_BYTES, "RescueFleet synthetic core.img " + version));
      xz(core, runner);

      Path image = dir.resolve("ventoy/ventoy.disk.img");
      Files.deleteIfExists(image);
      runner.run(Command.of("mkfs.vfat", "-F", "16", "-n", "VTOYEFI", "-s", "1", "-C", image.toString(),
          Long.toString(DesiredLayout.EFI_SECTORS / 2)));
      Path staging = Files.createTempDirectory("rescuefleet-release-");
      try {
        Files.createDirectories(staging.resolve("grub"));
        Files.createDirectories(staging.resolve("EFI/BOOT"));
        Files.writeString(staging.resolve("grub/grub.cfg"), "set VENTOY_VERSION=\"" + version + "\"\n");
        for (String efi : new String[] {"BOOTX64.EFI", "grubx64.efi", "grubx64_real.efi", "MokManager.efi"}) {
          Files.write(staging.resolve("EFI/BOOT/" + efi), pattern(4096, efi + " " + version));
        }
        Files.writeString(staging.resolve("ENROLL_THIS_KEY_IN_MOKMANAGER.cer"), "synthetic key\n");
        runner.run(Command.of("mcopy", "-s", "-i", image.toString(), staging.resolve("grub").toString(),
            staging.resolve("EFI").toString(), staging.resolve("ENROLL_THIS_KEY_IN_MOKMANAGER.cer").toString(), "::/")
            .withEnv("MTOOLS_SKIP_CHECK", "1"));
      } finally {
        try (var walk = Files.walk(staging)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      xz(image, runner);
      Files.writeString(dir.resolve("ventoy/version"), version + "\n");
      Files.writeString(dir.resolve("README.txt"), "Synthetic Ventoy " + version
          + " release made by RescueFleet's testkit: real layout, non-booting content.\n", StandardCharsets.UTF_8);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build a synthetic Ventoy release in " + dir, e);
    }
  }

  private static void xz(Path file, ProcessRunner runner) {
    runner.run(Command.of("xz", "--force", "-3", file.toString()));
  }

  private static byte[] pattern(int size, String text) {
    byte[] seed = text.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[i] = (byte) (seed[i % seed.length] ^ (i / seed.length));
    }
    return out;
  }
}
