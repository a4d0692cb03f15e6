package io.rescuefleet.operator.trigger;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns a stream of "this drive's reports changed" into at most one reconcile per drive per
 * coalescing interval, so N reports cost a bounded number of status patches; urgent changes (a new
 * phase, a stick inserted or removed) go through at once.
 */
public final class StatusCoalescer implements ReconcileTriggers, AutoCloseable {
  /** Where triggers go: the controllers' inbound event sources. */
  public interface Sink {
    void drive(String driveKey);

    void station(String name);
  }

  private final long intervalNanos;
  private final Sink sink;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rescuefleet-coalescer");
    t.setDaemon(true);
    return t;
  });
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Long> lastFired = new ConcurrentHashMap<>();

  public StatusCoalescer(Duration interval, Sink sink) {
    this.intervalNanos = interval.toNanos();
    this.sink = sink;
  }

  @Override
  public void drive(String driveKey, boolean urgent) {
    if (urgent) {
      fire(driveKey);
      return;
    }
    if (pending.add(driveKey)) {
      Long last = lastFired.get(driveKey);
      long delay = last == null ? 0 : Math.max(0, last + intervalNanos - System.nanoTime());
      scheduler.schedule(() -> {
        pending.remove(driveKey);
        fire(driveKey);
      }, delay, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void drives(Collection<String> driveKeys) {
    driveKeys.forEach(this::fire);
  }

  @Override
  public void station(String name) {
    sink.station(name);
  }

  /** Forgets a deleted drive. */
  public void forget(String driveKey) {
    lastFired.remove(driveKey);
  }

  private void fire(String driveKey) {
    lastFired.put(driveKey, System.nanoTime());
    sink.drive(driveKey);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
