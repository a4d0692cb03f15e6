package io.rescuefleet.operator.controller;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.operator.directory.DriveDirectory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Indexes on the RescueDrive informer's cache: by referenced catalog, WTG profile and policy
 * (drives without policyRef index under "default"), by serial and by claimed station and port. How
 * a change to a referenced object or a station finds its drives without listing them all.
 */
public final class DriveIndex implements DriveDirectory {
  static final String CATALOG = "catalog";
  static final String WTG_PROFILE = "wtgProfile";
  static final String POLICY = "policy";
  static final String SERIAL = "serial";
  static final String CLAIM_PORT = "claimPort";
  static final String CLAIM_STATION = "claimStation";

  private volatile IndexerResourceCache<RescueDrive> cache;

  /** Adds the indexes to the drive controller's cache (before its informer starts) and reads through it. */
  void attach(IndexerResourceCache<RescueDrive> primaryCache) {
    primaryCache.addIndexers(Map.of(
        CATALOG, d -> ref(d, d.getSpec() == null || d.getSpec().catalogRef == null ? null : d.getSpec().catalogRef.name),
        WTG_PROFILE, d -> ref(d, d.getSpec() == null || d.getSpec().wtgProfileRef == null ? null : d.getSpec().wtgProfileRef.name),
        POLICY, d -> ref(d, d.getSpec() == null ? null
            : d.getSpec().policyRef == null ? ApiConstants.DEFAULT_POLICY_NAME : d.getSpec().policyRef.name),
        SERIAL, d -> d.getSpec() == null || d.getSpec().serial == null ? List.of() : List.of(d.getSpec().serial),
        CLAIM_PORT, d -> claim(d, c -> c.station + "/" + c.port),
        CLAIM_STATION, d -> claim(d, c -> c.station)));
    cache = primaryCache;
  }

  /** Drives (as resource ids) under {@code value} of index {@code index}. */
  Set<ResourceID> ids(String index, String value) {
    IndexerResourceCache<RescueDrive> c = cache;
    return c == null ? Set.of() : c.byIndex(index, value).stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  Set<String> keys(String index, String value) {
    IndexerResourceCache<RescueDrive> c = cache;
    return c == null ? Set.of() : c.byIndex(index, value).stream().map(ObjectKeys::key).collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  public Set<String> namingSerial(String serial) {
    return keys(SERIAL, serial);
  }

  @Override
  public Set<String> claimingPort(String station, String port) {
    return keys(CLAIM_PORT, station + "/" + port);
  }

  @Override
  public Set<String> claimingStation(String station) {
    return keys(CLAIM_STATION, station);
  }

  @Override
  public boolean exists(String driveKey) {
    IndexerResourceCache<RescueDrive> c = cache;
    return c != null && c.get(ObjectKeys.resourceId(driveKey)).isPresent();
  }

  /** Drives referencing catalog, profile or policy {@code namespace/name} through {@code index}. */
  public Set<String> using(String index, String namespace, String name) {
    return keys(index, ObjectKeys.key(namespace, name));
  }

  private static List<String> ref(RescueDrive d, String name) {
    return name == null ? List.of() : List.of(ObjectKeys.key(d.getMetadata().getNamespace(), name));
  }

  private static List<String> claim(RescueDrive d, Function<RescueDriveSpec.Claim, String> value) {
    return d.getSpec() == null || d.getSpec().claim == null ? List.of() : List.of(value.apply(d.getSpec().claim));
  }
}
