package io.rescuefleet.station.engine;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.observe.FileCheck;
import io.rescuefleet.station.observe.ObservedDrive;
import io.rescuefleet.station.observe.WtgProbe;
import io.rescuefleet.station.plan.DesiredFile;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.verify.ContentReader;
import io.rescuefleet.station.verify.DeviceReading;
import io.rescuefleet.station.verify.ReadPath;
import io.rescuefleet.station.verify.Verifier;
import io.rescuefleet.station.verify.VerifyPass;
import io.rescuefleet.station.verify.VerifySelector;
import io.rescuefleet.station.verify.VerifyTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** The drift-detection step: selects what to hash for the mode, hashes it from the device, records the pass. */
final class Verification {
  private final Verifier verifier;
  private final WtgProbe wtg;

  Verification(Verifier verifier, WtgProbe wtg) {
    this.verifier = verifier;
    this.wtg = wtg;
  }

  /** @param progress called with bytes hashed so far and the total to hash */
  ObservedDrive run(StickSession session, ObservedDrive observed, List<DesiredFile> desired, VerifyMode mode,
      double ratio, Cancellation cancellation, ProgressSink progress) {
    ObservedDrive files = files(session, observed, desired, mode, ratio, cancellation, progress);
    long cursor = observed.volumeState().flatMap(v -> v.manifest().valid()).map(StickManifest::sampleCursor).orElse(0L);
    return files.withWtg(wtg.verify(session, files.wtg(), mode, ratio, cursor));
  }

  private ObservedDrive files(StickSession session, ObservedDrive observed, List<DesiredFile> desired, VerifyMode mode,
      double ratio, Cancellation cancellation, ProgressSink progress) {
    if (observed.volume() == null) {
      return observed.withVerification(Map.of(), VerifyPass.none(mode, 0));
    }
    Optional<StickManifest> manifest = observed.volume().manifest().valid();
    long cursor = manifest.map(StickManifest::sampleCursor).orElse(0L);
    VerifySelector.Selection selection = VerifySelector.select(mode, ratio, desired, observed.volume().files(),
        manifest, cursor);
    if (selection.tasks().isEmpty()) {
      return observed.withVerification(Map.of(), VerifyPass.none(mode, selection.nextCursor()));
    }
    long total = selection.tasks().stream().mapToLong(VerifyTask::length).sum();
    AtomicLong done = new AtomicLong();
    LongConsumer counter = n -> progress.progress(done.addAndGet(n), total, n);
    Verifier.Outcome outcome;
    ReadPath path;
    try (ContentReader reader = DeviceReading.open(session)) {
      outcome = verifier.run(selection.tasks(), reader, cancellation, counter);
      path = reader.readPath();
    }
    // Only corruption counts: a file whose changed metadata already said it differs is drift.
    int mismatches = (int) outcome.checks().entrySet().stream()
        .filter(e -> !e.getValue().matches() && !selection.changed().contains(e.getKey())).count();
    VerifyPass pass = new VerifyPass(mode, outcome.checks().size(), outcome.bytesHashed(), mismatches, outcome.seconds(),
        path, selection.nextCursor());
    Map<String, FileCheck> checks = outcome.checks();
    return observed.withVerification(checks, pass);
  }

  /** Progress of a pass: bytes done, of total, and the increment. */
  interface ProgressSink {
    void progress(long done, long total, long increment);
  }
}
