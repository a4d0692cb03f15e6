package io.rescuefleet.station.connected;

import io.rescuefleet.station.discovery.Allowlist;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-USB devices a connected station may touch: those both its own station.yaml and its
 * ImagingStation (as the operator's last heartbeat answer said) allow. The host's list is its own
 * safety; the cluster can only narrow it. Until the operator has answered, none.
 */
public final class StationAllowlist {
  private static final Logger LOG = LoggerFactory.getLogger(StationAllowlist.class);

  private final List<String> local;
  private List<String> cluster = List.of();
  private Allowlist effective = Allowlist.none();

  public StationAllowlist(List<String> local) {
    this.local = List.copyOf(local);
  }

  /** Takes the ImagingStation's list from a heartbeat answer (null: the operator allows none). */
  public synchronized void clusterAllows(List<String> devices) {
    List<String> now = devices == null ? List.of() : devices.stream().filter(Objects::nonNull).toList();
    // Re-resolved on every answer: a by-id link may point at a device that was not there before.
    Allowlist next = Allowlist.of(local).intersection(Allowlist.of(now));
    if (!now.equals(cluster) || !next.devices().equals(effective.devices())) {
      LOG.info("device allowlist updated local={} cluster={} effective={}", local, now, next.devices());
    }
    cluster = now;
    effective = next;
  }

  /** The devices admitted now, besides removable USB disks (never the root disk). */
  public synchronized Allowlist effective() {
    return effective;
  }
}
