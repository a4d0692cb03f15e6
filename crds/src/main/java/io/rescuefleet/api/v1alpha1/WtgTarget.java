package io.rescuefleet.api.v1alpha1;

/** Where a Windows To Go system lives on the stick. */
public enum WtgTarget {
  /** An NTFS partition in the reserved space after VTOYEFI. */
  Partition,
  /** A fixed VHD file on the data partition, booted through Ventoy. */
  VhdFile
}
