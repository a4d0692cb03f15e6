package io.rescuefleet.station.device;

import io.rescuefleet.station.discovery.Allowlist;
import java.util.Optional;

/**
 * What the engine converges: a whole-disk block device, either a real stick or an image file attached
 * to a loop device for the run. Closing releases what the target attached (never the stick itself).
 */
public interface DeviceTarget extends AutoCloseable {
  /** The whole-disk block device, e.g. {@code /dev/sdb} or {@code /dev/loop3}. */
  String device();

  /** How to name the target in messages. */
  String describe();

  /** The image file behind the device, for image-backed drives. */
  Optional<String> image();

  /**
   * The allowlist the interlock uses for this target: image-backed targets admit the loop device they
   * attached themselves, since it is theirs by construction.
   */
  Allowlist admitting(Allowlist base);

  @Override
  void close();
}
