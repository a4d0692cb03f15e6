package io.rescuefleet.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.FleetPolicySpec;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.IsoCatalogSpec;
import io.rescuefleet.api.v1alpha1.ObjectRef;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.demo.LoopbackFileServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the end-to-end scenarios share: ISO images generated and served on loopback, the objects to
 * apply, and waiting on a RescueDrive's status with a failure message that shows where it stood.
 */
final class Scenarios {
  private final LocalFleet fleet;
  private final LoopbackFileServer files;
  private final Path served;

  Scenarios(LocalFleet fleet, LoopbackFileServer files, Path served) {
    this.fleet = fleet;
    this.files = files;
    this.served = served;
  }

  /** A catalog entry for a fresh image of {@code bytes} random bytes (from {@code seed}), served on loopback. */
  CatalogEntry image(String name, String path, int bytes, long seed, Map<String, String> labels) throws IOException {
    byte[] data = new byte[bytes];
    new Random(seed).nextBytes(data);
    String file = name + "-" + seed + ".iso";
    Files.write(served.resolve(file), data);
    CatalogEntry e = new CatalogEntry();
    e.name = name;
    e.url = files.url(file);
    e.sha256 = sha256(data);
    e.size = (long) bytes;
    e.path = path;
    e.labels = new LinkedHashMap<>(labels);
    return e;
  }

  static IsoCatalog catalog(String namespace, String name, CatalogEntry... entries) {
    IsoCatalog c = new IsoCatalog();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    c.setSpec(new IsoCatalogSpec());
    c.getSpec().entries = new java.util.ArrayList<>(List.of(entries));
    return c;
  }

  static RescueDrive drive(String namespace, String name, String serial, String catalog) {
    RescueDrive d = new RescueDrive();
    d.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    d.setSpec(new RescueDriveSpec());
    d.getSpec().serial = serial;
    d.getSpec().catalogRef = new ObjectRef(catalog);
    return d;
  }

  /** The namespace's {@code default} FleetPolicy, the documented defaults changed by {@code settings}. */
  static FleetPolicy policy(String namespace, Consumer<FleetPolicySpec> settings) {
    FleetPolicy p = new FleetPolicy();
    p.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName("default").build());
    p.setSpec(new FleetPolicySpec());
    settings.accept(p.getSpec());
    return p;
  }

  RescueDrive get(String namespace, String name) {
    return fleet.client().resources(RescueDrive.class).inNamespace(namespace).withName(name).get();
  }

  RescueDriveStatus status(String namespace, String name) {
    RescueDrive d = get(namespace, name);
    return d == null ? null : d.getStatus();
  }

  /** Waits until the drive's status satisfies {@code done}; fails with {@code what} and the status it had. */
  RescueDriveStatus awaitDrive(String namespace, String name, String what, Duration within, Predicate<RescueDriveStatus> done) {
    try {
      await().alias(name + ": " + what).atMost(within).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
          .until(() -> {
            RescueDriveStatus s = status(namespace, name);
            return s != null && done.test(s);
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(namespace + "/" + name + " did not reach \"" + what + "\" within " + within.toSeconds()
          + " s; status: " + describe(status(namespace, name)), e);
    }
    return status(namespace, name);
  }

  /** Waits for an Event of {@code type} and {@code reason} about the drive (the operator records them asynchronously). */
  void awaitEvent(String namespace, String drive, String type, String reason) {
    await().alias(drive + ": " + type + " Event " + reason).atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> fleet.client().v1().events().inNamespace(namespace).list().getItems().stream()
            .anyMatch(e -> e.getInvolvedObject() != null && drive.equals(e.getInvolvedObject().getName())
                && type.equals(e.getType()) && reason.equals(e.getReason())));
  }

  static Optional<Condition> condition(RescueDriveStatus s, String type) {
    return s == null || s.conditions == null ? Optional.empty()
        : s.conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static boolean conditionIs(RescueDriveStatus s, String type, String status) {
    return condition(s, type).map(c -> status.equals(c.getStatus())).orElse(false);
  }

  static String describe(RescueDriveStatus s) {
    if (s == null) {
      return "none";
    }
    return "phase=" + s.phase + " station=" + s.station + " port=" + s.port + " entries=" + s.entriesSynced
        + " bytesWritten=" + s.bytesWritten + " drift=" + s.driftCorrections
        + " lastVerify=" + (s.lastVerify == null ? "-" : s.lastVerify.mode + "/" + s.lastVerify.mismatches)
        + " conditions=" + s.conditions.stream().map(c -> c.getType() + "=" + c.getStatus() + "(" + c.getReason() + ")")
            .collect(Collectors.joining(","));
  }

  static long written(RescueDriveStatus s) {
    return s.bytesWritten == null ? 0 : s.bytesWritten;
  }

  static long corrections(RescueDriveStatus s) {
    return s.driftCorrections == null ? 0 : s.driftCorrections;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
