package io.rescuefleet.station.connected;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.wire.Assignments;
import io.rescuefleet.api.wire.Assignments.StationAssignment;
import io.rescuefleet.api.wire.Heartbeat;
import io.rescuefleet.api.wire.HeartbeatAck;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.station.device.DeviceTarget;
import io.rescuefleet.station.discovery.Allowlist;
import io.rescuefleet.station.engine.ConvergeOptions;
import io.rescuefleet.station.engine.EngineResult;
import io.rescuefleet.station.engine.StationEngine;
import io.rescuefleet.station.failure.Cancellation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station daemon in connected mode: finds sticks, heartbeats them to the operator, long-polls
 * the assignments, runs the engine on each assigned stick (sticks in parallel, one run per stick),
 * and reports through the durable outbox. A removed stick's run is cancelled and the stick reported
 * Absent. Nothing here decides what a stick should hold or how deeply to verify it: the operator
 * does, per insertion.
 */
public final class StationDaemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StationDaemon.class);
  /** Reasons already logged, so a stick left out is reported once, not every heartbeat. */
  private final java.util.Set<String> leftOutReported = ConcurrentHashMap.newKeySet();
  static final int LONG_POLL_SECONDS = 25;
  static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(10);
  static final Duration RETRY_FAILED_RUN_AFTER = Duration.ofSeconds(30);

  private final String station;
  private final List<StickSource> sources;
  private final OperatorClient client;
  private final StationEngine engine;
  private final Outbox outbox;
  private final ReportQueue queue;
  private final OutboxSender sender;
  private final StationAllowlist allowlist;
  private final Path ventoyRelease;
  private final Clock clock;
  private final Duration pollInterval;

  private final Insertions insertions = new Insertions();
  private final Map<String, StationAssignment> assignmentsBySerialOrPort = new ConcurrentHashMap<>();
  private final Map<String, Run> running = new ConcurrentHashMap<>();
  private final Map<String, Finished> finished = new ConcurrentHashMap<>();
  /** By stick key: the identity the engine last observed, for the insertion it observed it in. */
  private final Map<String, Identified> identities = new ConcurrentHashMap<>();
  private final AtomicLong sequence;
  private final AtomicLong runsStarted = new AtomicLong();
  private final ScheduledExecutorService loops = Executors.newScheduledThreadPool(3, daemonThreads("station-loop"));
  private final ExecutorService workers;

  private volatile double sampleSeconds = 1.0;
  private volatile long assignmentsVersion;
  private volatile long lastHeartbeatMillis;
  private volatile boolean closing;
  private volatile boolean identityNews;
  private int failedDrains;

  /** One running engine run; {@code writes} says whether it may write to the stick. */
  private record Run(Insertions.Present stick, String driveKey, String key, boolean writes, Cancellation cancellation,
      DriveReporter reporter) {}

  /** The last completed run of a stick: what it was for, and whether it converged. */
  private record Finished(String key, boolean ok, long atMillis) {}

  /** A stick's identity as observed during one insertion. */
  private record Identified(String insertionId, StickIdentity identity) {}

  public StationDaemon(String station, List<StickSource> sources, OperatorClient client, StationEngine engine, Outbox outbox,
      StationAllowlist allowlist, Path ventoyRelease, int maxParallelSticks, Duration pollInterval, Clock clock) {
    this.station = station;
    this.sources = List.copyOf(sources);
    this.client = client;
    this.engine = engine;
    this.outbox = outbox;
    this.queue = new ReportQueue(outbox);
    this.sender = new OutboxSender(outbox, client::report);
    this.allowlist = allowlist;
    this.ventoyRelease = ventoyRelease;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.workers = Executors.newFixedThreadPool(maxParallelSticks, daemonThreads("station-stick"));
    this.sequence = new AtomicLong(clock.millis() * 1000);
  }

  /** Starts the loops; returns at once. */
  public void start() {
    LOG.info("station daemon started station={}", station);
    loops.scheduleWithFixedDelay(guarded("scan", this::scanAndHeartbeat), 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    loops.scheduleWithFixedDelay(guarded("report", this::flushReports), 200, 500, TimeUnit.MILLISECONDS);
    loops.execute(this::pollAssignments);
  }

  private void scanAndHeartbeat() {
    List<PresentStick> scanned = new ArrayList<>();
    for (StickSource source : sources) {
      scanned.addAll(source.scan());
    }
    Insertions.Changes changes = insertions.update(scanned);
    for (Insertions.Present removed : changes.removed()) {
      stickRemoved(removed);
    }
    changes.inserted().forEach(p -> LOG.info("stick inserted serial={} port={} insertion={}",
        p.stick().serial(), p.stick().port(), p.insertionId()));
    running.values().forEach(this::noteIdentity);
    // A stick's identity learnt (or changed by a run's new manifest) goes to the operator at once.
    if (changes.any() || identityNews || clock.millis() - lastHeartbeatMillis >= HEARTBEAT_EVERY.toMillis()) {
      identityNews = false;
      heartbeat();
    }
    schedule();
  }

  /** Caches what a run observed of its stick's identity, flagging news for the next heartbeat. */
  private void noteIdentity(Run run) {
    StickIdentity seen = run.reporter().identity();
    if (seen == null) {
      return;
    }
    Identified now = new Identified(run.stick().insertionId(), seen);
    if (!now.equals(identities.put(run.stick().stick().key(), now))) {
      identityNews = true;
    }
  }

  /** The identity observed during this very insertion; a stick reinserted is not known until a run looks again. */
  private StickIdentity identity(Insertions.Present p) {
    Identified known = identities.get(p.stick().key());
    return known != null && known.insertionId().equals(p.insertionId()) ? known.identity() : new StickIdentity(null, null);
  }

  private void heartbeat() {
    HeartbeatSticks.Composed composed = HeartbeatSticks.of(insertions.all(), this::identity);
    for (String why : composed.leftOut()) {
      if (leftOutReported.add(why)) {
        LOG.warn("stick left out of the heartbeat station={} reason={}", station, why);
      }
    }
    List<Heartbeat.StickInfo> sticks = composed.sticks();
    try {
      HeartbeatAck ack = client.heartbeat(new Heartbeat("rescue-station/0.1.0", clock.instant().toString(), sticks));
      lastHeartbeatMillis = clock.millis();
      if (ack.throughputIntervalSeconds() > 0) {
        sampleSeconds = ack.throughputIntervalSeconds();
      }
      allowlist.clusterAllows(ack.allowDevices());
    } catch (OperatorCallException e) {
      LOG.warn("heartbeat failed station={} reason={}", station, e.getMessage());
    }
  }

  private void pollAssignments() {
    while (!closing) {
      try {
        Optional<Assignments> next = client.assignments(assignmentsVersion, LONG_POLL_SECONDS);
        if (next.isPresent()) {
          Assignments a = next.get();
          assignmentsBySerialOrPort.clear();
          for (StationAssignment sa : a.assignments()) {
            assignmentsBySerialOrPort.put(PresentStick.keyOf(sa.serial(), sa.port()), sa);
          }
          assignmentsVersion = a.version();
          LOG.info("assignments received station={} version={} count={}", station, a.version(), a.assignments().size());
          revokeWrites();
          schedule();
        }
      } catch (OperatorCallException e) {
        if (!closing) {
          LOG.warn("assignments poll failed station={} reason={}", station, e.getMessage());
          sleep(Duration.ofSeconds(2));
        }
      } catch (RuntimeException e) {
        LOG.error("assignments poll crashed station={}", station, e);
        sleep(Duration.ofSeconds(2));
      }
    }
  }

  /**
   * Stops the runs whose drive was quarantined since they started: they may not write another chunk.
   * Their last report is left out, as for a pulled stick; the observe-only run that follows reports.
   */
  private void revokeWrites() {
    for (Run run : running.values()) {
      if (WriteRevocation.revokes(run.writes(), run.stick().insertionId(),
          assignmentsBySerialOrPort.get(run.stick().stick().key()))) {
        LOG.info("run stopped, writes revoked drive={} serial={} port={}", run.driveKey(), run.stick().stick().serial(),
            run.stick().stick().port());
        run.cancellation().cancel("the operator revoked writes (quarantine)");
      }
    }
  }

  /** Starts a run for every present, assigned stick whose current assignment it has not yet run. */
  private synchronized void schedule() {
    if (closing) {
      return;
    }
    for (Insertions.Present p : insertions.all()) {
      StationAssignment sa = assignmentsBySerialOrPort.get(p.stick().key());
      if (sa == null || running.containsKey(p.stick().key())) {
        continue;
      }
      if (sa.insertionId() != null && !sa.insertionId().equals(p.insertionId())) {
        continue; // decided for an earlier insertion; the operator answers the new one shortly
      }
      String key = p.insertionId() + "|" + sa.assignment().contentDigest() + "|" + sa.verifyLevel() + "|" + sa.writesAllowed();
      Finished last = finished.get(p.stick().key());
      if (last != null && last.key().equals(key)
          && (last.ok() || clock.millis() - last.atMillis() < RETRY_FAILED_RUN_AFTER.toMillis())) {
        continue;
      }
      startRun(p, sa, key);
    }
  }

  private void startRun(Insertions.Present p, StationAssignment sa, String key) {
    DriveReporter reporter = new DriveReporter(sa.assignment().driveKey(), p.stick().serial(), p.stick().port(),
        p.insertionId(), sa.assignment().files(), sequence, clock);
    Run run = new Run(p, sa.assignment().driveKey(), key, sa.writesAllowed(), new Cancellation(), reporter);
    running.put(p.stick().key(), run);
    runsStarted.incrementAndGet();
    LOG.info("run started drive={} serial={} port={} verify={} writes={}", sa.assignment().driveKey(),
        p.stick().serial(), p.stick().port(), sa.verifyLevel(), sa.writesAllowed());
    workers.execute(() -> execute(run, sa));
  }

  private void execute(Run run, StationAssignment sa) {
    boolean ok = false;
    try (DeviceTarget target = run.stick().stick().opener().get()) {
      ConvergeOptions options = ConvergeOptions.defaults()
          .withAllowlist(allowlist.effective())
          .withWritesAllowed(sa.writesAllowed())
          .withVentoyRelease(ventoyRelease)
          .withSampleInterval(Duration.ofMillis((long) (sampleSeconds * 1000)));
      EngineResult result = engine.converge(target, sa.assignment(), sa.verifyLevel(), options, run.reporter(),
          run.cancellation());
      ok = result.converged();
      if (!run.cancellation().isCancelled()) {
        queue.enqueue(() -> List.of(run.reporter().finish(result, sa.writesAllowed())));
      }
      LOG.info("run finished drive={} converged={} bytesWritten={} writeMBps={} reason={}", sa.assignment().driveKey(),
          result.converged(), result.bytesWritten(), String.format("%.1f", result.writeMBps()),
          result.failure() == null ? "-" : result.failure().reason());
    } catch (RuntimeException e) {
      LOG.error("run crashed drive={}", sa.assignment().driveKey(), e);
    } finally {
      noteIdentity(run);
      finished.put(run.stick().stick().key(), new Finished(run.key(), ok, clock.millis()));
      running.remove(run.stick().stick().key());
    }
    schedule();
  }

  private void stickRemoved(Insertions.Present removed) {
    LOG.info("stick removed serial={} port={}", removed.stick().serial(), removed.stick().port());
    Run run = running.get(removed.stick().key());
    if (run != null) {
      run.cancellation().cancel("stick removed");
    }
    finished.remove(removed.stick().key());
    identities.remove(removed.stick().key());
    StationAssignment sa = assignmentsBySerialOrPort.get(removed.stick().key());
    if (sa != null) {
      queue.enqueue(() -> List.of(new DriveReport(sa.assignment().driveKey(), removed.stick().serial(),
          removed.stick().port(), removed.insertionId(), sequence.incrementAndGet(), DrivePhase.Absent,
          clock.instant().toString(), null, List.of(), null, List.of(), null, 0, null)));
    }
  }

  private void flushReports() {
    queue.enqueue(() -> {
      List<DriveReport> reports = new ArrayList<>();
      for (Run run : running.values()) {
        DriveReport r = run.reporter().drain();
        if (r != null) {
          reports.add(r);
        }
      }
      return reports;
    });
    if (outbox.size() > 0) {
      if (sender.drain()) {
        failedDrains = 0;
      } else {
        sleep(OutboxSender.backoff(++failedDrains).dividedBy(4));
      }
    }
  }

  /** Drive keys of the sticks being worked on now. */
  public List<String> running() {
    return running.values().stream().map(Run::driveKey).sorted().toList();
  }

  /** The non-USB devices admitted now: those both station.yaml and the ImagingStation allow. */
  public Allowlist allowlist() {
    return allowlist.effective();
  }

  /** Engine runs started since the daemon started. */
  public long runsStarted() {
    return runsStarted.get();
  }

  public long reportsSent() {
    return sender.sentCount();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    running.values().forEach(r -> r.cancellation().cancel("station daemon stopping"));
    loops.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("runs did not stop within 60 s station={}", station);
      }
      loops.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      sender.drain();
    } catch (RuntimeException e) {
      LOG.warn("final report delivery failed; reports stay in the outbox station={}", station);
    }
    client.close();
    LOG.info("station daemon stopped station={}", station);
  }

  private Runnable guarded(String what, Runnable body) {
    return () -> {
      try {
        body.run();
      } catch (RuntimeException e) {
        LOG.error("station loop failed loop={}", what, e);
      }
    };
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
