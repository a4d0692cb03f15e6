package io.rescuefleet.operator.trigger;

import java.util.Collection;

/** How code outside the controllers asks for a reconcile: by drive key ({@code namespace/name}) or station name. */
public interface ReconcileTriggers {
  /** Something a status shows changed; reconciled within the coalescing interval, at once when {@code urgent}. */
  void drive(String driveKey, boolean urgent);

  /** Reconciled at once. */
  void drives(Collection<String> driveKeys);

  void station(String name);
}
