package io.rescuefleet.operator.stationapi;

import io.rescuefleet.api.wire.Assignments;
import io.rescuefleet.api.wire.Assignments.StationAssignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The work handed to each station: the assignment of every drive bound to one of its sticks. Each
 * station's set carries a version that moves only when the set changes; its JSON is built once per
 * version and long-polls wait on a future, so an unchanged long-poll costs neither a thread nor a
 * serialisation. Versions start at the operator's start time, so they differ from a previous run's.
 */
public final class AssignmentBoard {
  private final long firstVersion;
  private final ConcurrentHashMap<String, StationSet> sets = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> stationOfDrive = new ConcurrentHashMap<>();

  public AssignmentBoard(long firstVersion) {
    this.firstVersion = firstVersion;
  }

  /** One station's set at one version, with its JSON. */
  public record Snapshot(long version, byte[] json) {}

  /** Hands {@code assignment} for {@code driveKey} to {@code station}, withdrawing it from any other station. */
  public void publish(String driveKey, String station, StationAssignment assignment) {
    String before = stationOfDrive.put(driveKey, station);
    if (before != null && !before.equals(station)) {
      set(before).remove(driveKey);
    }
    set(station).put(driveKey, assignment);
  }

  /** Withdraws {@code driveKey} from whichever station holds it. */
  public void withdraw(String driveKey) {
    String before = stationOfDrive.remove(driveKey);
    if (before != null) {
      set(before).remove(driveKey);
    }
  }

  public Snapshot current(String station) {
    return set(station).snapshot();
  }

  public long version(String station) {
    return set(station).version();
  }

  /**
   * Completes when the station's version differs from {@code version}: at once if it already does.
   * Cancel the future to stop waiting.
   */
  public CompletableFuture<Snapshot> changedFrom(String station, long version) {
    return set(station).changedFrom(version);
  }

  private StationSet set(String station) {
    return sets.computeIfAbsent(station, s -> new StationSet(firstVersion));
  }

  /** One station's assignments; every method holds the object's monitor. */
  private static final class StationSet {
    private final Map<String, StationAssignment> byDrive = new TreeMap<>();
    private final List<CompletableFuture<Snapshot>> waiters = new ArrayList<>();
    private long version;
    private Snapshot cached;

    StationSet(long firstVersion) {
      this.version = firstVersion;
    }

    void put(String driveKey, StationAssignment assignment) {
      List<CompletableFuture<Snapshot>> wake;
      Snapshot now;
      synchronized (this) {
        if (Objects.equals(byDrive.get(driveKey), assignment)) {
          return;
        }
        byDrive.put(driveKey, assignment);
        bump();
        now = waiters.isEmpty() ? null : snapshot();
        wake = drainWaiters();
      }
      wake.forEach(w -> w.complete(now));
    }

    void remove(String driveKey) {
      List<CompletableFuture<Snapshot>> wake;
      Snapshot now;
      synchronized (this) {
        if (byDrive.remove(driveKey) == null) {
          return;
        }
        bump();
        now = waiters.isEmpty() ? null : snapshot();
        wake = drainWaiters();
      }
      wake.forEach(w -> w.complete(now));
    }

    synchronized long version() {
      return version;
    }

    synchronized Snapshot snapshot() {
      if (cached == null) {
        cached = new Snapshot(version, WireJson.write(new Assignments(version, List.copyOf(byDrive.values()))));
      }
      return cached;
    }

    CompletableFuture<Snapshot> changedFrom(long known) {
      synchronized (this) {
        if (known != version) {
          return CompletableFuture.completedFuture(snapshot());
        }
        CompletableFuture<Snapshot> waiter = new CompletableFuture<>();
        waiters.add(waiter);
        // A cancelled (timed-out) waiter leaves the list at once rather than at the next change.
        waiter.whenComplete((s, e) -> {
          if (e != null) {
            synchronized (this) {
              waiters.remove(waiter);
            }
          }
        });
        return waiter;
      }
    }

    private void bump() {
      version++;
      cached = null;
    }

    private List<CompletableFuture<Snapshot>> drainWaiters() {
      List<CompletableFuture<Snapshot>> wake = new ArrayList<>(waiters);
      waiters.clear();
      return wake;
    }
  }
}
