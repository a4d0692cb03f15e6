package io.rescuefleet.station.connected;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The station daemon's configuration file ({@code rescue-station run --config station.yaml}).
 * Keys are fixed: the Helm chart and the systemd example render this file.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public class StationConfig {
  /** Fewest outbox batches: summarising needs two batches after the head, which may be in flight. */
  public static final int MIN_OUTBOX_CAPACITY = 3;
  /** Most outbox batches: each is a file, and the outbox lists its directory on every append. */
  public static final int MAX_OUTBOX_CAPACITY = 100_000;

  /** Name of this station's ImagingStation. */
  public String station;

  /** Base URL of the operator's station API, e.g. https://rescuefleet-operator:8081. */
  public URI operatorUrl;

  /** File holding the bearer token (the ImagingStation's token Secret). */
  public Path tokenFile;

  /** PEM file of the CA that signed the operator's certificate (TLS); the JVM's trust store when absent. */
  public Path caFile;

  /** Content-addressed ISO cache. */
  public Path cacheDir = Path.of("/var/cache/rescuefleet");

  /** Durable state: the report outbox. */
  public Path stateDir = Path.of("/var/lib/rescuefleet");

  /** Ventoy release directory whose boot code goes on the sticks; none leaves the bootloader uninstalled. */
  public Path ventoyReleaseDir;

  /** Friendly names for USB port paths (informational; the ImagingStation holds the authoritative ones). */
  public List<Port> ports = new ArrayList<>();

  /**
   * Non-USB devices this station may touch (never the root disk); its ImagingStation's
   * {@code spec.allowDevices} must list them too, the cluster can only narrow this list.
   */
  public List<String> allowDevices = new ArrayList<>();

  /** How sticks are found. */
  public Discovery discovery = new Discovery();

  /** Sticks worked on at once; each stick has one writer. */
  public int maxParallelSticks = 4;

  /**
   * Report batches the outbox keeps while the operator is unreachable; when full, the oldest are
   * summarised rather than dropped. Between {@value #MIN_OUTBOX_CAPACITY} and {@value #MAX_OUTBOX_CAPACITY}.
   */
  public int outboxCapacity = 10_000;

  /** A USB port path and its label. */
  public static class Port {
    public String path;
    public String label;
  }

  /** Discovery settings. */
  public static class Discovery {
    /** Seconds between lsblk polls. */
    public double pollSeconds = 2;

    /**
     * A directory acting as a hub of image-backed sticks, for demos and tests: each
     * {@code <port>/stick.img} (with its {@code serial} file) is a stick in that port; removing the
     * directory pulls the stick. Its loop devices are admitted automatically.
     */
    public Path imageHub;

    /** Whether real USB sticks are discovered with lsblk (off for a pure image hub). */
    public boolean usb = true;
  }
}
