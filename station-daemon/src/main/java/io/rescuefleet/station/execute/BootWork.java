package io.rescuefleet.station.execute;

import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.station.release.VentoyRelease;
import java.util.function.LongConsumer;

/** Installs a Ventoy release's boot code and VTOYEFI image. Each call returns the bytes it wrote. */
public interface BootWork {
  long writeBootCode(String disk, VentoyRelease release, PartitionStyle style);

  long writeEfiImage(String efiDevice, VentoyRelease release, boolean secureBoot, LongConsumer progress);
}
