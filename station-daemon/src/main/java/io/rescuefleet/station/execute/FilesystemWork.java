package io.rescuefleet.station.execute;

import io.rescuefleet.api.v1alpha1.DataFilesystem;

/** Makes and relabels filesystems on region devices (never mounted while it works). */
public interface FilesystemWork {
  void formatData(String device, DataFilesystem filesystem, String label, long sizeBytes);

  void relabelData(String device, DataFilesystem filesystem, String label);

  void formatEfi(String device);
}
