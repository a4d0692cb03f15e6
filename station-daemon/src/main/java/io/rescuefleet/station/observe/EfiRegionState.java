package io.rescuefleet.station.observe;

import io.rescuefleet.station.fs.FsSignature;

/**
 * What sits where VTOYEFI belongs: its filesystem; the Ventoy version read from its
 * {@code grub/grub.cfg} (null when no Ventoy is installed); whether its EFI files are laid out for
 * Secure Boot (null when it cannot tell); and digests of the boot code Ventoy keeps outside the
 * partitions (null when no release says where to look).
 */
public record EfiRegionState(FsSignature signature, String ventoyVersion, Boolean secureBootLayout, BootArea bootArea) {

  /**
   * SHA-256 of the MBR boot code (bytes 0..439) and of the core image area as a release lays it out,
   * so the planner can tell whether the boot code matches a release without holding its bytes.
   */
  public record BootArea(String mbrCodeSha256, String coreSha256) {}
}
