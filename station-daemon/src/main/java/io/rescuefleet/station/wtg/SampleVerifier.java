package io.rescuefleet.station.wtg;

import io.rescuefleet.station.fs.StickPaths;
import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.RegionDevice;
import io.rescuefleet.station.fs.MountedVolume;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.observe.WtgVolumeState;
import io.rescuefleet.station.observe.WtgVolumeState.SampleResult;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.session.Toolbox;
import io.rescuefleet.station.wtg.image.SampledFile;
import io.rescuefleet.station.wtg.volume.SampleCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks a marked Windows To Go volume's sampled files against the image's hashes, the share the
 * verification mode asks for: mounted read-only, through a device that reads the medium.
 */
final class SampleVerifier {
  private final Toolbox tools;
  private final VhdProbe vhds;

  SampleVerifier(Toolbox tools, VhdProbe vhds) {
    this.tools = tools;
    this.vhds = vhds;
  }

  WtgVolumeState verify(StickSession session, WtgVolumeState v, VerifyMode mode, double ratio, long cursor) {
    List<SampledFile> samples = choose(v.marker().valid().orElseThrow().samples(), mode, ratio, cursor);
    return v.withSamples(withDevice(session, v, device -> {
      try (MountedVolume mounted = tools.mounter().mount(device, DataFilesystem.NTFS, true)) {
        return new SampleResult(samples.size(), SampleCheck.mismatches(mounted.root(), samples));
      }
    }));
  }

  /** All samples for Full; for Sampled a share of {@code ratio} (at least one), rotating with the cursor. */
  static List<SampledFile> choose(List<SampledFile> samples, VerifyMode mode, double ratio, long cursor) {
    if (mode == VerifyMode.Full || samples.isEmpty()) {
      return samples;
    }
    int n = (int) Math.min(samples.size(), Math.max(1, Math.ceil(samples.size() * ratio)));
    int start = (int) Math.floorMod(cursor, (long) samples.size());
    List<SampledFile> chosen = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      chosen.add(samples.get((start + i) % samples.size()));
    }
    return chosen;
  }

  /** Runs {@code work} with a block device of the volume: its partition's region, or the VHD's partition. */
  private <T> T withDevice(StickSession session, WtgVolumeState v, Function<String, T> work) {
    if (v.target() == WtgTarget.Partition) {
      try (RegionDevice device = tools.regions().open(session.disk(), v.region())) {
        return work.apply(device.path());
      }
    }
    Path file = StickPaths.resolve(session.mounted(), v.vhdPath());
    PartitionEntry windows = vhds.windowsPartition(file, v.sizeBytes()).orElseThrow(
        () -> new IllegalStateException(v.vhdPath() + " lost its Windows partition since it was observed"));
    try (LoopDevice loop = vhds.attach(file, windows)) {
      return work.apply(loop.path());
    }
  }
}
