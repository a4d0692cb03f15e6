package io.rescuefleet.station.connected;

import static io.rescuefleet.station.testing.StickLab.mib;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import io.rescuefleet.station.device.DeviceTarget;
import io.rescuefleet.station.engine.ConvergeOptions;
import io.rescuefleet.station.engine.EngineListener;
import io.rescuefleet.station.engine.EngineResult;
import io.rescuefleet.station.engine.StationEngine;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testkit.TestImages;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.plan.Action;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testing.StickLab;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stick that writes at 4 MB/s (an image-hub stick under the kernel's write throttle) is seen as
 * slow while it is written: copy progress and write samples follow what reaches the stick, not the
 * page cache, which would take the whole image at once and leave the time to a final fsync.
 */
class SlowStickComponentTest {
  private static final double MBPS = 4;
  private static final String DRIVE = """
      apiVersion: rescuefleet.io/v1alpha1
      kind: IsoCatalog
      metadata: {name: set, namespace: lab}
      spec:
        entries:
          - {name: big, url: "%s", sha256: %s, size: %d, path: iso/big.iso}
      ---
      apiVersion: rescuefleet.io/v1alpha1
      kind: RescueDrive
      metadata: {name: slow, namespace: lab}
      spec:
        serial: "SLOW0001"
        catalogRef: {name: set}
      """;

  @TempDir Path dir;

  @Test
  void copyProgressAndWriteSamplesFollowTheSticksOwnSpeed() throws Exception {
    Machine.requireEngineTools();
    ProcessRunner runner = new ProcessRunner();
    TestImages.Image big = TestImages.write(dir.resolve("src/big.iso"), mib(16), 7);
    Path port = Files.createDirectories(dir.resolve("hub/1-1.1"));
    try (RandomAccessFile image = new RandomAccessFile(port.resolve(ImageHubSource.IMAGE).toFile(), "rw")) {
      image.setLength(mib(256));
    }
    Files.writeString(port.resolve(ImageHubSource.SERIAL), "SLOW0001\n");
    Files.writeString(port.resolve(ImageHubSource.WRITE_MBPS), Double.toString(MBPS));

    Copy copy = new Copy();
    EngineResult result;
    try (DeviceTarget target = new ImageHubSource(dir.resolve("hub"), new LoopDevices(runner)).scan().get(0).opener().get()) {
      // No Ventoy release: its 32 MiB EFI image would take the throttled stick 8 s more to say the same.
      result = StationEngine.create(runner, dir.resolve("cache")).converge(target,
          StickLab.assignment(DRIVE.formatted(big.url(), big.sha256(), big.size())), null,
          ConvergeOptions.defaults().withSampleInterval(Duration.ofMillis(500)), copy, Cancellation.none());
    }
    assertThat(result.converged()).isTrue();

    double seconds = (copy.finishedAt - copy.startedAt) / 1e9;
    assertThat(seconds).as("16 MiB at %s MB/s", MBPS).isGreaterThan(mib(16) / (MBPS * 1e6) * 0.8);
    assertThat((copy.progress.get(0) - copy.startedAt) / 1e9).as("the first 8 MiB chunk reached the stick")
        .isGreaterThan(mib(8) / (MBPS * 1e6) * 0.8);
    assertThat(copy.writes).as("write samples during the copy").hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(s -> assertThat(s.mbps()).isLessThan(MBPS * 1.5));
  }

  /** Times the CopyFile action and keeps the write samples taken while it ran. */
  private static final class Copy implements EngineListener {
    volatile long startedAt;
    volatile long finishedAt;
    volatile boolean copying;
    final List<Long> progress = new CopyOnWriteArrayList<>();
    final List<ThroughputSample> writes = new CopyOnWriteArrayList<>();

    @Override
    public void actionStarted(int index, int count, Action action) {
      if ("CopyFile".equals(action.type())) {
        startedAt = System.nanoTime();
        copying = true;
      }
    }

    @Override
    public void actionProgress(Action action, long bytesDone, long bytesTotal) {
      if ("CopyFile".equals(action.type())) {
        progress.add(System.nanoTime());
      }
    }

    @Override
    public void actionFinished(ActionReport report) {
      if ("CopyFile".equals(report.type())) {
        finishedAt = System.nanoTime();
        copying = false;
      }
    }

    @Override
    public void sample(ThroughputSample sample) {
      if (copying && sample.direction() == Direction.write) {
        writes.add(sample);
      }
    }
  }
}
