package io.rescuefleet.api.v1alpha1;

/** Partition table type. */
public enum PartitionStyle {
  GPT,
  MBR
}
