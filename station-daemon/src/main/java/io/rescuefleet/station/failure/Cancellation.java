package io.rescuefleet.station.failure;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets whoever started a run stop it: the daemon cancels when a stick is removed. Long operations
 * call {@link #check()} between chunks, so a cancelled run stops at the next chunk boundary.
 */
public final class Cancellation {
  private final AtomicReference<String> reason = new AtomicReference<>();

  /** A token nobody cancels, for the standalone CLI. */
  public static Cancellation none() {
    return new Cancellation();
  }

  /** Asks the run to stop; the first reason given wins. */
  public void cancel(String why) {
    reason.compareAndSet(null, why == null ? "cancelled" : why);
  }

  public boolean isCancelled() {
    return reason.get() != null;
  }

  /** @throws CancelledException when {@link #cancel} was called */
  public void check() {
    String why = reason.get();
    if (why != null) {
      throw new CancelledException(why);
    }
  }
}
