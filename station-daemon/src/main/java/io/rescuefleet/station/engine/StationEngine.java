package io.rescuefleet.station.engine;

import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.station.cache.ImageCache;
import io.rescuefleet.station.device.BlockDevices;
import io.rescuefleet.station.device.DeviceTarget;
import io.rescuefleet.station.discovery.SystemProbe;
import io.rescuefleet.station.execute.ActionExecutor;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.execute.AtomicVolumeWork;
import io.rescuefleet.station.execute.CacheSourceWork;
import io.rescuefleet.station.execute.DeviceReadBack;
import io.rescuefleet.station.execute.ExecutionContext;
import io.rescuefleet.station.execute.ExecutionListener;
import io.rescuefleet.station.execute.ExecutionResult;
import io.rescuefleet.station.execute.MkfsFilesystemWork;
import io.rescuefleet.station.execute.SfdiskPartitionWork;
import io.rescuefleet.station.execute.VentoyBootWork;
import io.rescuefleet.station.execute.Works;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;
import io.rescuefleet.station.interlock.Admission;
import io.rescuefleet.station.interlock.SafetyInterlock;
import io.rescuefleet.station.interlock.SerialMismatchException;
import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.manifest.ManifestComposer;
import io.rescuefleet.station.manifest.ManifestRead;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.observe.ObservedDrive;
import io.rescuefleet.station.observe.Observer;
import io.rescuefleet.station.plan.Action;
import io.rescuefleet.station.plan.DesiredDrive;
import io.rescuefleet.station.plan.Plan;
import io.rescuefleet.station.plan.PlanNote;
import io.rescuefleet.station.plan.Planner;
import io.rescuefleet.station.plan.WtgPlanner;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.release.VentoyRelease;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.session.ToolStickSession;
import io.rescuefleet.station.session.Toolbox;
import io.rescuefleet.station.verify.Verifier;
import io.rescuefleet.station.verify.VerifyScheduler;
import io.rescuefleet.station.observe.WtgProbe;
import io.rescuefleet.station.wtg.WindowsToGoPlanner;
import io.rescuefleet.station.wtg.WindowsToGoProbe;
import io.rescuefleet.station.wtg.WindowsToGoWork;
import io.rescuefleet.station.wtg.image.WtgImageNotFoundException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station engine: makes one stick exactly what its assignment says. The controller of one run, in
 * a fixed order: admit the device (safety interlock) → observe → verify → plan → act → observe again,
 * until a fresh observation finds nothing to do (level-triggered: nothing is trusted from a past
 * pass). Every step is a collaborator passed in. One engine serves any number of sticks in parallel;
 * each call owns its devices and mounts and releases them, also when it fails or is cancelled.
 */
public final class StationEngine {
  private static final Logger LOG = LoggerFactory.getLogger(StationEngine.class);
  /** Apply, then recheck; a second round of actions is allowed once, a third means something fights back. */
  static final int MAX_PASSES = 3;

  private final Toolbox tools;
  private final ImageCache cache;
  private final SafetyInterlock interlock;
  private final Observer observer;
  private final Verification verification;
  private final VerifyScheduler scheduler;
  private final Planner planner;
  private final ActionExecutor executor;
  private final Clock clock;

  public StationEngine(Toolbox tools, ImageCache cache, SafetyInterlock interlock, Works works, Verifier verifier,
      WtgPlanner wtg, WtgProbe wtgProbe, Clock clock) {
    this.tools = tools;
    this.cache = cache;
    this.interlock = interlock;
    this.observer = new Observer(tools, wtgProbe);
    this.verification = new Verification(verifier, wtgProbe);
    this.scheduler = new VerifyScheduler(clock);
    this.planner = new Planner(clock, wtg);
    this.executor = new ActionExecutor(works, new ManifestComposer(clock));
    this.clock = clock;
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
      try (StickSession session = new ToolStickSession(tools, device, layout.data(), layout.efi(), desired.filesystem(), writes)) {
        passes(session, desired, release, serial, assignment, requested, options, listener, cancellation, execute, state);
      }
    } catch (StationException e) {
      LOG.warn("run failed drive={} device={} reason={} message={}", assignment.driveKey(), device, e.reason(), e.getMessage());
      state.fail(e.reason(), e.getMessage(), e.kind());
    } catch (RuntimeException e) {
      LOG.error("run failed drive={} device={}", assignment.driveKey(), device, e);
      state.fail("EngineError", describe(e), FailureKind.OTHER);
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

  private void passes(StickSession session, DesiredDrive desired, VentoyRelease release, String serial,
      DriveAssignment assignment, VerifyMode requested, ConvergeOptions options, EngineListener listener,
      Cancellation cancellation, boolean execute, RunState state) {
    // An image-backed drive reports no serial; its spec's serial then names it (Windows To Go's computer name).
    Observer.Request request = new Observer.Request(serial != null ? serial : assignment.serial(), desired.style(),
        desired.release(), cache,
        desired.files().stream().map(f -> f.sha256()).distinct().toList(), desired.wtg());
    ThroughputSampler sampler = new ThroughputSampler(options.sampleInterval(), clock, System::nanoTime, listener::sample);
    for (int pass = 1; ; pass++) {
      cancellation.check();
      listener.phase(pass == 1 ? "observe" : "recheck");
      ObservedDrive observed = observer.observe(session, request);
      Optional<StickManifest> manifest = observed.volumeState().flatMap(v -> v.manifest().valid());
      VerifyMode mode = pass == 1 ? scheduler.decide(requested, assignment.policy(), manifest) : VerifyMode.Quick;
      if (pass == 1) {
        listener.phase("verify");
      }
      observed = verification.run(session, observed, desired.files(), mode, assignment.policy().sampleRatio(),
          cancellation, (done, total, n) -> {
            sampler.add(Direction.read, n);
            listener.verifyProgress(done, total);
          });
      sampler.flush();
      state.driver = session.driver().map(Object::toString).orElse(state.driver);
      listener.phase("plan");
      Plan plan = planner.plan(desired, observed);
      state.lastObserved = observed;
      state.lastPlan = plan;
      if (pass == 1) {
        state.verify = VerifyReport.of(observed.verifyPass());
        state.bytesReadByVerify = observed.verifyPass().bytesHashed();
        state.firstPlan = plan;
        state.previouslyApplied = previouslyApplied(observed, desired);
        listener.planned(plan);
      }
      if (plan.refused()) {
        PlanNote why = plan.notes().stream().filter(n -> n.severity() == PlanNote.Severity.REFUSED).findFirst().orElseThrow();
        state.fail(why.reason(), why.message(), kindOf(why.reason()));
        return;
      }
      if (plan.actions().isEmpty()) {
        state.converged = plan.reachesSpec();
        plan.notes().stream().filter(n -> n.severity() == PlanNote.Severity.UNCONVERGED).findFirst()
            .ifPresent(n -> state.fail(n.reason(), n.message(), kindOf(n.reason())));
        return;
      }
      if (!execute) {
        return; // diff: the plan is the answer
      }
      if (!options.writesAllowed()) {
        state.extraNotes.add(PlanNote.unconverged("WritesNotAllowed", "the drive is quarantined: " + plan.actions().size()
            + " action(s) planned, none executed"));
        state.fail("WritesNotAllowed", "the drive is quarantined; the stick was observed and verified only", FailureKind.OTHER);
        return;
      }
      if (pass >= MAX_PASSES) {
        state.fail("NotConverging", "still " + plan.actions().size() + " action(s) to do after " + (pass - 1)
            + " rounds: " + plan.actions().get(0).describe(), FailureKind.OTHER);
        return;
      }
      listener.phase("execute");
      ExecutionResult executed = executor.execute(plan, new ExecutionContext(session, desired, release, manifest,
          cancellation), executionListener(listener, sampler));
      state.reports.addAll(executed.reports());
      session.quiesced(); // flush everything to the stick before looking at it again
      if (executed.failure() != null) {
        throw executed.failure();
      }
    }
  }

  private static boolean previouslyApplied(ObservedDrive observed, DesiredDrive desired) {
    if (observed.volume() == null) {
      return false;
    }
    ManifestRead read = observed.volume().manifest();
    if (read instanceof ManifestRead.Unreadable) {
      return true; // RescueFleet wrote a manifest there once; it got damaged
    }
    return read.valid().map(m -> Objects.equals(m.driveKey(), desired.driveKey())
        && Objects.equals(m.specDigest(), desired.specDigest())).orElse(false);
  }

  private static void checkSerial(DriveAssignment assignment, String serial, DeviceTarget target, ConvergeOptions options) {
    String wanted = assignment.serial();
    if (wanted == null || serial == null || wanted.equals(serial) || options.ignoreSerial()) {
      return; // image files and loop devices have no serial to compare
    }
    throw new SerialMismatchException("refusing " + target.describe() + ": its serial is " + serial + ", but "
        + assignment.driveKey() + " spec.serial is " + wanted + " (use --ignore-serial to override)");
  }

  private static FailureKind kindOf(String reason) {
    return switch (reason) {
      case "BootloaderUnavailable", "VentoyReleaseUnfit" -> FailureKind.SOURCE_OR_VERIFY;
      case "VentoyReleaseMismatch", WtgImageNotFoundException.REASON -> FailureKind.INVALID_INPUT;
      default -> FailureKind.OTHER;
    };
  }

  private static String describe(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Feeds action progress to the listener and the throughput sampler. */
  private static ExecutionListener executionListener(EngineListener listener, ThroughputSampler sampler) {
    Map<Action, AtomicLong> done = new ConcurrentHashMap<>();
    return new ExecutionListener() {
      @Override
      public void started(int index, int count, Action action) {
        done.put(action, new AtomicLong());
        listener.actionStarted(index, count, action);
      }

      @Override
      public void progress(Action action, Direction direction, long bytes) {
        long total = done.computeIfAbsent(action, a -> new AtomicLong()).addAndGet(bytes);
        if (direction != null) {
          sampler.add(direction, bytes);
        }
        listener.actionProgress(action, total, action.bytes());
      }

      @Override
      public void finished(Action action, ActionReport report) {
        sampler.flush();
        done.remove(action);
        listener.actionFinished(report);
      }
    };
  }
}
