package io.rescuefleet.station.engine;

import static io.rescuefleet.station.testing.StickLab.mib;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.cache.ImageCache;
import io.rescuefleet.station.device.ImageFileTarget;
import io.rescuefleet.station.discovery.BlockDeviceInfo;
import io.rescuefleet.station.discovery.Discovery;
import io.rescuefleet.station.discovery.SystemContext;
import io.rescuefleet.station.discovery.SystemProbe;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.execute.AtomicVolumeWork;
import io.rescuefleet.station.execute.CacheSourceWork;
import io.rescuefleet.station.execute.DeviceReadBack;
import io.rescuefleet.station.execute.MkfsFilesystemWork;
import io.rescuefleet.station.execute.SfdiskPartitionWork;
import io.rescuefleet.station.execute.VentoyBootWork;
import io.rescuefleet.station.execute.Works;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.interlock.SafetyInterlock;
import io.rescuefleet.station.plan.Action;
import io.rescuefleet.station.plan.CopyFile;
import io.rescuefleet.station.session.Toolbox;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testing.StickLab;
import io.rescuefleet.station.verify.Verifier;
import io.rescuefleet.station.wtg.WindowsToGoPlanner;
import io.rescuefleet.station.wtg.WindowsToGoProbe;
import io.rescuefleet.station.wtg.WindowsToGoWork;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serial checks, cancellation mid-copy, and a stick too full to take the images. */
class EngineSafetyComponentTest {
  @TempDir
  static Path shared;
  static StickLab lab;
  static String yaml;

  @BeforeAll
  static void lab() {
    Machine.requireEngineTools();
    lab = new StickLab(shared, mib(4), mib(24));
    yaml = lab.drive("GPT", "exFAT");
  }

  /** An engine whose interlock sees the loop device with the serial a USB stick would report. */
  private static StationEngine engineSeeingSerial(String serial) {
    Toolbox tools = Toolbox.of(lab.runner);
    ImageCache cache = new ImageCache(lab.cache, lab.runner);
    Verifier verifier = Verifier.forThisMachine();
    Works works = new Works(new CacheSourceWork(cache), new SfdiskPartitionWork(lab.runner),
        new MkfsFilesystemWork(lab.runner), new VentoyBootWork(lab.runner, tools.blocks()), new AtomicVolumeWork(),
        new DeviceReadBack(verifier), new WindowsToGoWork(tools, Clock.systemUTC()));
    SafetyInterlock interlock = new SafetyInterlock(new Discovery(), () -> {
      SystemContext live = new SystemProbe(lab.runner).capture();
      List<BlockDeviceInfo> devices = live.devices().stream().map(d -> !d.type().equals("loop") ? d
          : new BlockDeviceInfo(d.name(), d.kname(), d.path(), d.type(), d.transport(), d.removable(), d.hotplug(),
              d.readOnly(), serial, d.vendor(), d.model(), d.sizeBytes(), d.majMin(), d.fstype(), d.label(),
              d.mountpoints(), d.children())).toList();
      return new SystemContext(devices, live.rootMajMin(), live.loopBackings());
    });
    return new StationEngine(tools, cache, interlock, works, verifier, new WindowsToGoPlanner(), new WindowsToGoProbe(tools),
        Clock.systemUTC());
  }

  @Test
  void aStickWithAnotherSerialIsRefusedUnlessTheSerialIsIgnored(@TempDir Path dir) {
    Path image = dir.resolve("serial.img");
    StationEngine engine = engineSeeingSerial("OTHER-0042");
    try (ImageFileTarget target = ImageFileTarget.attach(image, mib(96), lab.loops)) {
      EngineResult refused = engine.converge(target, StickLab.assignment(yaml), VerifyMode.Quick, lab.options(),
          EngineListener.NONE, Cancellation.none());
      assertThat(refused.failure()).isNotNull();
      assertThat(refused.failure().reason()).isEqualTo("SerialMismatch");
      assertThat(refused.failure().kind()).isEqualTo(FailureKind.REFUSED);
      assertThat(refused.failure().message()).contains("its serial is OTHER-0042, but lab/stick spec.serial is LAB0001");
      assertThat(refused.bytesWritten()).isZero();

      EngineResult ignored = engine.converge(target, StickLab.assignment(yaml), VerifyMode.Quick,
          lab.options().withIgnoreSerial(true), EngineListener.NONE, Cancellation.none());
      assertThat(ignored.converged()).isTrue();
    }
  }

  @Test
  void aRunCancelledMidCopyLeavesATruthfulManifestAndReleasesTheDevice(@TempDir Path dir) {
    Path image = dir.resolve("cancel.img");
    assertThat(lab.apply(image, mib(128), yaml, VerifyMode.Quick).converged()).isTrue();
    lab.edit(image, root -> {
      try {
        Files.delete(root.resolve(StickLab.path(1)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Cancellation cancellation = new Cancellation();
    AtomicReference<Action> cancelledIn = new AtomicReference<>();
    EngineListener pullTheStick = new EngineListener() {
      @Override
      public void actionProgress(Action action, long done, long total) {
        if (action instanceof CopyFile && done > 0) {
          cancelledIn.compareAndSet(null, action);
          cancellation.cancel("stick removed");
        }
      }
    };
    EngineResult r;
    try (ImageFileTarget target = ImageFileTarget.attach(image, null, lab.loops)) {
      r = lab.engine.converge(target, StickLab.assignment(yaml), VerifyMode.Quick, lab.options(), pullTheStick, cancellation);
    }
    assertThat(cancelledIn.get()).isNotNull();
    assertThat(r.converged()).isFalse();
    assertThat(r.failure().reason()).isEqualTo("Cancelled");
    assertThat(r.failure().message()).isEqualTo("stick removed");
    assertThat(lab.loops.usersOf(image.toString())).as("no loop device left behind").isEmpty();

    Inspection after = lab.inspect(image, VerifyMode.Full);
    assertThat(after.manifestStatus()).isEqualTo("valid (1 files)");
    assertThat(after.verify().mismatches()).isZero();
    assertThat(after.files()).noneMatch(f -> f.path().startsWith(".rescuefleet"));

    EngineResult resumed = lab.apply(image, mib(128), yaml, VerifyMode.Quick);
    assertThat(resumed.converged()).isTrue();
    assertThat(resumed.actions()).extracting(ActionReport::type).contains("CopyFile");
  }

  @Test
  void filesItDidNotWriteAreNeverDeletedToMakeRoomItSaysSoInstead(@TempDir Path dir) {
    Path image = dir.resolve("full.img");
    assertThat(lab.apply(image, mib(128), yaml, VerifyMode.Quick).converged()).isTrue();
    lab.edit(image, root -> {
      try {
        Files.delete(root.resolve(StickLab.path(1)));
        long free = Files.getFileStore(root).getUsableSpace();
        fill(root.resolve("my-backups/photos.tar"), free - mib(8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    EngineResult r = lab.apply(image, mib(128), yaml, VerifyMode.Quick);
    assertThat(r.converged()).isFalse();
    assertThat(r.failure().reason()).isEqualTo("InsufficientSpace");
    assertThat(r.failure().message()).contains("my-backups/photos.tar", "left alone", StickLab.path(1) + " does not fit");
    assertThat(r.actions()).isEmpty();
    assertThat(r.bytesWritten()).isZero();
    assertThat(lab.inspect(image, VerifyMode.Quick).files()).anySatisfy(f -> assertThat(f.path()).isEqualTo("my-backups/photos.tar"));
  }

  private static void fill(Path file, long bytes) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = bytes; left > 0; left -= block.length) {
        out.write(block, 0, (int) Math.min(left, block.length));
      }
    }
  }
}
