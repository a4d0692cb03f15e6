package io.rescuefleet.station.cli;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.cache.ImageCache;
import io.rescuefleet.station.discovery.Allowlist;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command shares: the target, verification, the allowlist, output, the cache. */
final class TargetOptions {
  @Option(names = "--target", required = true, paramLabel = "PATH",
      description = "A block device, or an image file (an image-backed drive, attached to a loop device for the run).")
  String target;

  @Option(names = "--verify", paramLabel = "quick|sampled|full",
      description = "Verification depth; default: the FleetPolicy's (inspect: quick).")
  VerifyMode verify;

  @Option(names = "--allow-device", paramLabel = "PATH",
      description = "Admit this non-USB device (e.g. a loop device). Never admits the root disk. Repeatable.")
  List<String> allowDevices = new ArrayList<>();

  @Option(names = "--output", defaultValue = "text", paramLabel = "text|json",
      description = "text (progress and a summary) or json (one object).")
  Output.Format output;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Image cache directory (default: $RESCUEFLEET_CACHE, /var/cache/rescuefleet as root).")
  Path cache;

  Allowlist allowlist() {
    return Allowlist.of(allowDevices);
  }

  Path cacheDir() {
    return cache != null ? cache : ImageCache.defaultDirectory();
  }
}
