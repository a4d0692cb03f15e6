package io.rescuefleet.operator.fleet;

import java.util.Set;

/**
 * What a heartbeat changed: serials that appeared, left, moved or were re-inserted, the ports whose
 * stick changed, and whether the station was offline (or never seen) before it.
 */
public record PresenceChange(Set<String> serials, Set<String> ports, boolean cameOnline) {
  public boolean any() {
    return cameOnline || !serials.isEmpty() || !ports.isEmpty();
  }
}
