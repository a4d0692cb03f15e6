package io.rescuefleet.station.engine;

import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.cache.ImageCache;
import io.rescuefleet.station.device.BlockDevices;
import io.rescuefleet.station.device.DeviceTarget;
import io.rescuefleet.station.discovery.SystemProbe;
import io.rescuefleet.station.execute.ActionExecutor;
import io.rescuefleet.station.execute.AtomicVolumeWork;
import io.rescuefleet.station.execute.CacheSourceWork;
import io.rescuefleet.station.execute.DeviceReadBack;
import io.rescuefleet.station.execute.MkfsFilesystemWork;
import io.rescuefleet.station.execute.SfdiskPartitionWork;
import io.rescuefleet.station.execute.VentoyBootWork;
import io.rescuefleet.station.execute.Works;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;
import io.rescuefleet.station.failure.StickIoException;
import io.rescuefleet.station.fs.DirtyVolumeCheck;
import io.rescuefleet.station.interlock.Admission;
import io.rescuefleet.station.interlock.SafetyInterlock;
import io.rescuefleet.station.interlock.SerialMismatchException;
import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.manifest.ManifestComposer;
import io.rescuefleet.station.observe.Observer;
import io.rescuefleet.station.observe.WtgProbe;
import io.rescuefleet.station.plan.DesiredDrive;
import io.rescuefleet.station.plan.Planner;
import io.rescuefleet.station.plan.WtgPlanner;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.release.VentoyRelease;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.session.ToolStickSession;
import io.rescuefleet.station.session.Toolbox;
import io.rescuefleet.station.verify.Verifier;
import io.rescuefleet.station.verify.VerifyScheduler;
import io.rescuefleet.station.wtg.WindowsToGoPlanner;
import io.rescuefleet.station.wtg.WindowsToGoProbe;
import io.rescuefleet.station.wtg.WindowsToGoWork;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station engine: makes one stick exactly what its assignment says. A run admits the device
 * (safety interlock), checks its serial, loads the Ventoy release, opens the stick, and hands it to the
 * {@link Convergence} loop (observe → verify → plan → act → observe again). Every step is a collaborator
 * passed in. One engine serves any number of sticks in parallel; each call owns its devices and mounts
 * and releases them, also when it fails or is cancelled.
 */
public final class StationEngine {
  private static final Logger LOG = LoggerFactory.getLogger(StationEngine.class);
  private final Toolbox tools;
  private final ImageCache cache;
  private final SafetyInterlock interlock;
  private final Observer observer;
  private final Verification verification;
  private final Convergence convergence;

  public StationEngine(Toolbox tools, ImageCache cache, SafetyInterlock interlock, Works works, Verifier verifier,
      WtgPlanner wtg, WtgProbe wtgProbe, Clock clock) {
    this.tools = tools;
    this.cache = cache;
    this.interlock = interlock;
    this.observer = new Observer(tools, wtgProbe);
    this.verification = new Verification(verifier, wtgProbe);
    this.convergence = new Convergence(observer, verification, new VerifyScheduler(clock), new Planner(clock, wtg),
        new ActionExecutor(works, new ManifestComposer(clock)), clock);
  }

  /** The engine with the real tools, this machine's interlock, and the image cache in {@code cacheDir}. */
  public static StationEngine create(ProcessRunner runner, Path cacheDir) {
    Toolbox tools = Toolbox.of(runner);
    ImageCache cache = new ImageCache(cacheDir, runner);
    Verifier verifier = Verifier.forThisMachine();
    Clock clock = Clock.systemUTC();
    Works works = new Works(new CacheSourceWork(cache), new SfdiskPartitionWork(runner), new MkfsFilesystemWork(runner),
        new VentoyBootWork(runner, tools.blocks()), new AtomicVolumeWork(), new DeviceReadBack(verifier),
        new WindowsToGoWork(tools, clock));
    return new StationEngine(tools, cache, SafetyInterlock.live(new SystemProbe(runner)), works, verifier,
        new WindowsToGoPlanner(), new WindowsToGoProbe(tools), clock);
  }

  /**
   * Makes the stick match {@code assignment}.
   *
   * @param verifyMode the verification to do, or null to follow the drive's FleetPolicy
   */
  public EngineResult converge(DeviceTarget target, DriveAssignment assignment, VerifyMode verifyMode,
      ConvergeOptions options, EngineListener listener, Cancellation cancellation) {
    return run(target, assignment, verifyMode, options, listener, cancellation, true);
  }

  /** Observes, verifies and plans, touching nothing: {@link EngineResult#plan()} is what apply would do. */
  public EngineResult diff(DeviceTarget target, DriveAssignment assignment, VerifyMode verifyMode,
      ConvergeOptions options, EngineListener listener, Cancellation cancellation) {
    return run(target, assignment, verifyMode, options.withWritesAllowed(false), listener, cancellation, false);
  }

  /** Reports the stick as it is (see {@link Inspector}). */
  public Inspection inspect(DeviceTarget target, VerifyMode verifyMode, ConvergeOptions options, EngineListener listener,
      Cancellation cancellation) {
    Admission admission = interlock.admit(target.device(), target.admitting(options.allowlist()));
    return new Inspector(tools, observer, verification).inspect(target.device(), admission.stick().serial(),
        verifyMode, listener, cancellation);
  }

  private EngineResult run(DeviceTarget target, DriveAssignment assignment, VerifyMode requested,
      ConvergeOptions options, EngineListener listener, Cancellation cancellation, boolean execute) {
    String device = target.device();
    RunState state = new RunState(assignment.driveKey(), device);
    long sectorsBefore = BlockDevices.sectorsWritten(device);
    try {
      Admission admission = interlock.admit(device, target.admitting(options.allowlist()));
      String serial = admission.stick().serial();
      checkSerial(assignment, serial, target, options);
      VentoyRelease release = options.ventoyRelease() == null ? null : VentoyRelease.load(options.ventoyRelease(), tools.runner());
      DesiredDrive desired = DesiredDrive.of(assignment, release == null ? null : release.info());
      DesiredLayout layout = DesiredLayout.compute(tools.blocks().sizeBytes(device) / 512, desired.style(),
          desired.reservedMiB());
      boolean writes = execute && options.writesAllowed();
      // An image-backed drive reports no serial; its spec's serial then names it (Windows To Go's computer name).
      Observer.Request observation = new Observer.Request(serial != null ? serial : assignment.serial(), desired.style(),
          desired.release(), cache, desired.files().stream().map(f -> f.sha256()).distinct().toList(), desired.wtg());
      Convergence.Goal goal = new Convergence.Goal(desired, release, assignment.policy(), requested, options, execute,
          observation);
      try (StickSession session = new ToolStickSession(tools, device, layout.data(), layout.efi(), desired.filesystem(), writes)) {
        if (writes && desired.filesystem() == DataFilesystem.exFAT) {
          new DirtyVolumeCheck(tools.runner()).ensureConsistent(session.quiesced());
        }
        convergence.run(session, goal, listener, cancellation, state);
      } finally {
        if (state.reports.stream().anyMatch(r -> r.ok() && r.type().equals("WritePartitionTable"))) {
          SfdiskPartitionWork.announce(tools.runner(), device);
        }
      }
    } catch (StationException e) {
      LOG.warn("run failed drive={} device={} reason={} message={}", assignment.driveKey(), device, e.reason(), e.getMessage());
      state.fail(e.reason(), e.getMessage(), e.kind());
    } catch (RuntimeException e) {
      var io = StickIoException.ioCause(e);
      if (io.isPresent()) {
        // Reading the stick failed outside an action (observing, verifying): the stick, not the engine, is at fault.
        StickIoException stick = StickIoException.of("reading " + device, io.get());
        LOG.warn("run failed drive={} device={} reason={} message={}", assignment.driveKey(), device, stick.reason(),
            stick.getMessage());
        state.fail(stick.reason(), stick.getMessage(), stick.kind());
      } else {
        LOG.error("run failed drive={} device={}", assignment.driveKey(), device, e);
        state.fail("EngineError", describe(e), FailureKind.OTHER);
      }
    }
    long sectorsAfter = BlockDevices.sectorsWritten(device);
    if (sectorsBefore >= 0 && sectorsAfter >= 0) {
      state.bytesWritten = (sectorsAfter - sectorsBefore) * 512;
    }
    EngineResult result = state.result();
    LOG.info("run finished drive={} device={} converged={} actions={} bytesWritten={} seconds={}", result.driveKey(),
        device, result.converged(), result.actions().size(), result.bytesWritten(), String.format("%.2f", result.seconds()));
    return result;
  }

  private static void checkSerial(DriveAssignment assignment, String serial, DeviceTarget target, ConvergeOptions options) {
    String wanted = assignment.serial();
    if (wanted == null || serial == null || wanted.equals(serial) || options.ignoreSerial()) {
      return; // image files and loop devices have no serial to compare
    }
    throw new SerialMismatchException("refusing " + target.describe() + ": its serial is " + serial + ", but "
        + assignment.driveKey() + " spec.serial is " + wanted + " (use --ignore-serial to override)");
  }

  private static String describe(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
