package io.rescuefleet.api.v1alpha1;

/** Filesystem of the data partition. */
public enum DataFilesystem {
  exFAT,
  NTFS
}
