package io.rescuefleet.station.engine;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.station.execute.ActionExecutor;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.execute.ExecutionContext;
import io.rescuefleet.station.execute.ExecutionListener;
import io.rescuefleet.station.execute.ExecutionResult;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.manifest.ManifestRead;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.observe.ObservedDrive;
import io.rescuefleet.station.observe.Observer;
import io.rescuefleet.station.plan.Action;
import io.rescuefleet.station.plan.DesiredDrive;
import io.rescuefleet.station.plan.Plan;
import io.rescuefleet.station.plan.PlanNote;
import io.rescuefleet.station.plan.Planner;
import io.rescuefleet.station.release.VentoyRelease;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.verify.VerifyScheduler;
import io.rescuefleet.station.wtg.image.WtgImageNotFoundException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The level-triggered loop over one open stick: observe → verify → plan → act, then observe again
 * (Quick) until a fresh observation finds nothing to do. Allows one corrective round after the first;
 * a third plan with actions means something on the stick fights back, and the run says so.
 */
final class Convergence {
  static final int MAX_PASSES = 3;

  private final Observer observer;
  private final Verification verification;
  private final VerifyScheduler scheduler;
  private final Planner planner;
  private final ActionExecutor executor;
  private final Clock clock;

  Convergence(Observer observer, Verification verification, VerifyScheduler scheduler, Planner planner,
      ActionExecutor executor, Clock clock) {
    this.observer = observer;
    this.verification = verification;
    this.scheduler = scheduler;
    this.planner = planner;
    this.executor = executor;
    this.clock = clock;
  }

  /** What one run asks of the loop. */
  record Goal(DesiredDrive desired, VentoyRelease release, EffectivePolicy policy, VerifyMode requested,
      ConvergeOptions options, boolean execute, Observer.Request observation) {}

  void run(StickSession session, Goal goal, EngineListener listener, Cancellation cancellation, RunState state) {
    ThroughputSampler sampler = new ThroughputSampler(goal.options().sampleInterval(), clock, System::nanoTime,
        listener::sample);
    for (int pass = 1; ; pass++) {
      cancellation.check();
      listener.phase(pass == 1 ? "observe" : "recheck");
      ObservedDrive observed = observer.observe(session, goal.observation());
      Optional<StickManifest> manifest = observed.volumeState().flatMap(v -> v.manifest().valid());
      listener.manifestObserved(manifest.map(StickManifest::driveUuid).orElse(null),
          manifest.map(StickManifest::driveKey).orElse(null));
      VerifyMode mode = pass == 1 ? scheduler.decide(goal.requested(), goal.policy(), manifest) : VerifyMode.Quick;
      if (pass == 1) {
        listener.phase("verify");
      }
      sampler.begin();
      observed = verification.run(session, observed, goal.desired().files(), mode, goal.policy().sampleRatio(),
          cancellation, (done, total, n) -> {
            sampler.add(Direction.read, n);
            listener.verifyProgress(done, total);
          });
      sampler.flush();
      state.driver = session.driver().map(Object::toString).orElse(state.driver);
      listener.phase("plan");
      Plan plan = planner.plan(goal.desired(), observed);
      state.lastObserved = observed;
      state.lastPlan = plan;
      if (pass == 1) {
        state.verify = VerifyReport.of(observed.verifyPass());
        state.bytesReadByVerify = observed.verifyPass().bytesHashed();
        state.firstPlan = plan;
        state.previouslyApplied = previouslyApplied(observed, goal.desired());
        listener.planned(plan);
      }
      if (!nextRound(plan, pass, goal, state)) {
        return;
      }
      listener.phase("execute");
      ExecutionResult executed = executor.execute(plan, new ExecutionContext(session, goal.desired(), goal.release(),
          manifest, cancellation), executionListener(listener, sampler));
      state.reports.addAll(executed.reports());
      session.quiesced(); // flush everything to the stick before looking at it again
      if (executed.failure() != null) {
        throw executed.failure();
      }
    }
  }

  /** Whether the plan is to be executed; otherwise records how the run ends. */
  private static boolean nextRound(Plan plan, int pass, Goal goal, RunState state) {
    if (plan.refused()) {
      PlanNote why = plan.notes().stream().filter(n -> n.severity() == PlanNote.Severity.REFUSED).findFirst().orElseThrow();
      state.fail(why.reason(), why.message(), kindOf(why.reason()));
      return false;
    }
    if (plan.actions().isEmpty()) {
      state.converged = plan.reachesSpec();
      plan.notes().stream().filter(n -> n.severity() == PlanNote.Severity.UNCONVERGED).findFirst()
          .ifPresent(n -> state.fail(n.reason(), n.message(), kindOf(n.reason())));
      return false;
    }
    if (!goal.execute()) {
      return false; // diff: the plan is the answer
    }
    if (!goal.options().writesAllowed()) {
      if (plan.converged()) {
        // Only the verification record would be written; a quarantined stick that matches is converged.
        state.converged = true;
        state.extraNotes.add(PlanNote.info("VerificationNotRecorded",
            "the drive is quarantined: the verification was done but not recorded on the stick"));
        return false;
      }
      state.extraNotes.add(PlanNote.unconverged("WritesNotAllowed", "the drive is quarantined: " + plan.actions().size()
          + " action(s) planned, none executed"));
      state.fail("WritesNotAllowed", "the drive is quarantined; the stick was observed and verified only", FailureKind.OTHER);
      return false;
    }
    if (pass >= MAX_PASSES) {
      state.fail("NotConverging", "still " + plan.actions().size() + " action(s) to do after " + (pass - 1)
          + " rounds: " + plan.actions().get(0).describe(), FailureKind.OTHER);
      return false;
    }
    return true;
  }

  /** True when RescueFleet had made this stick this very spec before: a difference now is drift. */
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

  static FailureKind kindOf(String reason) {
    return switch (reason) {
      case "BootloaderUnavailable", "VentoyReleaseUnfit" -> FailureKind.SOURCE_OR_VERIFY;
      case "VentoyReleaseMismatch", WtgImageNotFoundException.REASON -> FailureKind.INVALID_INPUT;
      default -> FailureKind.OTHER;
    };
  }

  /** Feeds action progress to the listener and the throughput sampler. */
  private static ExecutionListener executionListener(EngineListener listener, ThroughputSampler sampler) {
    Map<Action, AtomicLong> done = new ConcurrentHashMap<>();
    return new ExecutionListener() {
      @Override
      public void started(int index, int count, Action action) {
        done.put(action, new AtomicLong());
        sampler.begin();
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
