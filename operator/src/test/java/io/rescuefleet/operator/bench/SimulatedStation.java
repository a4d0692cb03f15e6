package io.rescuefleet.operator.bench;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.wire.Assignments;
import io.rescuefleet.api.wire.Heartbeat;
import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import io.rescuefleet.api.wire.ReportAck;
import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.api.wire.ReportBatch.Progress;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import io.rescuefleet.api.wire.StationApi;
import io.rescuefleet.operator.stationapi.WireJson;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One station of the benchmark, over real HTTP, all on one Vert.x context: heartbeats listing its
 * sticks, a long-poll loop on its assignments, a periodic re-observation report for every stick it
 * holds (the level-triggered daemon re-reads each stick), and, on imaging stations, progress
 * reports for the one stick being written, moving to the next stick every few seconds.
 */
final class SimulatedStation {
  private static final long BYTES_PER_TICK = 8_000_000;
  private static final long TOTAL_BYTES = 1_000_000_000_000L;

  private final Vertx vertx;
  private final WebClient http;
  private final String name;
  private final String token;
  private final List<String> serials;
  private final List<String> driveKeys;
  private final LatencyTracker tracker;
  private final AtomicLong reportsAcked;
  private final Map<String, String> digestBySerial = new ConcurrentHashMap<>();
  private final long[] sequence;
  private final long[] bytesDone;
  private final DrivePhase[] phase;
  private int imaging = -1;
  private long tick;
  private long batches;
  private volatile boolean stopped;
  private long assignmentsVersion = Long.MIN_VALUE;

  SimulatedStation(Vertx vertx, WebClient http, String name, String token, List<String> serials, List<String> driveKeys,
      LatencyTracker tracker, AtomicLong reportsAcked) {
    this.vertx = vertx;
    this.http = http;
    this.name = name;
    this.token = token;
    this.serials = serials;
    this.driveKeys = driveKeys;
    this.tracker = tracker;
    this.reportsAcked = reportsAcked;
    this.sequence = new long[serials.size()];
    this.bytesDone = new long[serials.size()];
    this.phase = new DrivePhase[serials.size()];
    java.util.Arrays.fill(phase, DrivePhase.Reconciling);
  }

  void start(long heartbeatMillis) {
    heartbeat();
    vertx.setPeriodic(heartbeatMillis, t -> {
      if (!stopped) {
        heartbeat();
      }
    });
    poll();
  }

  boolean hasAllAssignments() {
    return digestBySerial.size() == serials.size();
  }

  /** Reports every stick written and verified (the fleet's state before the measured run). */
  void reportAllReady() {
    List<DriveReport> reports = new ArrayList<>();
    for (int i = 0; i < serials.size(); i++) {
      phase[i] = DrivePhase.Ready;
      reports.add(report(i, DrivePhase.Ready, List.of(), converged(i)));
    }
    send(reports);
  }

  /** Re-reports every stick's current state every {@code periodMillis}; changes nothing the status shows. */
  void startReobserving(long periodMillis, long offsetMillis) {
    vertx.setTimer(1 + offsetMillis, first -> vertx.setPeriodic(periodMillis, t -> {
      if (!stopped) {
        List<DriveReport> reports = new ArrayList<>();
        for (int i = 0; i < serials.size(); i++) {
          reports.add(report(i, phase[i], List.of(), null));
        }
        send(reports);
      }
    }));
  }

  /** Writes one stick at a time: a progress report every tick, a throughput sample at the policy's interval. */
  void startImaging(long intervalMillis, int ticksPerSample, int ticksPerStick, int offsetTicks) {
    tick = offsetTicks;
    imaging = offsetTicks % serials.size();
    phase[imaging] = DrivePhase.Reconciling;
    vertx.setPeriodic(intervalMillis, t -> {
      if (!stopped) {
        imagingTick(ticksPerSample, ticksPerStick);
      }
    });
  }

  void stop() {
    stopped = true;
  }

  private void imagingTick(int ticksPerSample, int ticksPerStick) {
    tick++;
    int i = imaging;
    bytesDone[i] += BYTES_PER_TICK;
    String now = Instant.now().toString();
    List<ThroughputSample> samples = tick % ticksPerSample == 0
        ? List.of(new ThroughputSample(Direction.write, now, 30_000_000, 1.0)) : List.of();
    boolean done = tick % ticksPerStick == 0;
    if (done) {
      phase[i] = DrivePhase.Ready;
    }
    DriveReport report = report(i, phase[i], samples, done ? converged(i) : null);
    tracker.sent(driveKeys.get(i), bytesDone[i], System.nanoTime());
    send(List.of(report));
    if (done) {
      imaging = (i + 1) % serials.size();
      phase[imaging] = DrivePhase.Reconciling;
    }
  }

  private DriveReport report(int i, DrivePhase p, List<ThroughputSample> samples, Outcome outcome) {
    sequence[i]++;
    return new DriveReport(driveKeys.get(i), serials.get(i), port(i), insertion(i), sequence[i], p, Instant.now().toString(),
        new Progress(bytesDone[i], TOTAL_BYTES, p == DrivePhase.Ready ? 0.0 : 600.0), List.of(), null, samples, outcome,
        bytesDone[i], null);
  }

  private Outcome converged(int i) {
    return new Outcome(true, bytesDone[i], false, false, digestBySerial.get(serials.get(i)), null, null);
  }

  private void send(List<DriveReport> reports) {
    byte[] body = WireJson.write(new ReportBatch(name + "-" + (++batches), reports));
    http.post(StationApi.path(name, StationApi.REPORTS)).putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).onComplete(ar -> {
          if (ar.succeeded() && ar.result().statusCode() == 200) {
            try {
              reportsAcked.addAndGet(WireJson.MAPPER.readValue(ar.result().bodyAsString(), ReportAck.class).applied());
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        });
  }

  private void heartbeat() {
    List<StickInfo> sticks = new ArrayList<>();
    for (int i = 0; i < serials.size(); i++) {
      sticks.add(new StickInfo(serials.get(i), port(i), "Bench", "Stick", 32_000_000_000L, null, null, insertion(i)));
    }
    byte[] body = WireJson.write(new Heartbeat("bench/1", Instant.now().toString(), sticks));
    http.post(StationApi.path(name, StationApi.HEARTBEAT)).putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
  }

  private void poll() {
    if (stopped) {
      return;
    }
    String query = assignmentsVersion == Long.MIN_VALUE ? "" : "?version=" + assignmentsVersion + "&waitSeconds=30";
    http.get(StationApi.path(name, StationApi.ASSIGNMENTS) + query).putHeader("Authorization", "Bearer " + token)
        .timeout(40_000).send().onComplete(ar -> {
          if (ar.succeeded() && ar.result().statusCode() == 200) {
            try {
              Assignments a = WireJson.MAPPER.readValue(ar.result().bodyAsString(), Assignments.class);
              assignmentsVersion = a.version();
              a.assignments().forEach(x -> digestBySerial.put(x.serial(), x.assignment().contentDigest()));
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
          vertx.setTimer(ar.succeeded() ? 1 : 500, t -> poll());
        });
  }

  private String insertion(int i) {
    return "ins-" + serials.get(i);
  }

  private static String port(int i) {
    return "1-" + (1 + i / 8) + "." + (1 + i % 8);
  }
}
