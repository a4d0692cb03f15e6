package io.rescuefleet.operator.config;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the operator is told at start. {@link #inProcessApiServer()} is the preset for fabric8's
 * in-process API server (no server-side apply, no CRD checks, no leader election, free ports);
 * {@link #cluster()} is the preset for a real cluster.
 */
public record OperatorConfig(
    String bindAddress,
    int stationApiPort,
    int httpPort,
    Set<String> namespaces,
    Duration coalesceInterval,
    Optional<SecretName> tlsSecret,
    Optional<LeaderElection> leaderElection,
    boolean serverSideApply,
    boolean checkCrds,
    Duration heartbeatStatusRefresh,
    Clock clock) {

  public OperatorConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    namespaces = Set.copyOf(namespaces);
    requirePort(stationApiPort, "stationApiPort");
    requirePort(httpPort, "httpPort");
    if (coalesceInterval.isNegative() || coalesceInterval.isZero()) {
      throw new IllegalArgumentException("coalesceInterval must be positive, got " + coalesceInterval);
    }
    if (heartbeatStatusRefresh.isNegative()) {
      throw new IllegalArgumentException("heartbeatStatusRefresh must not be negative, got " + heartbeatStatusRefresh);
    }
    Objects.requireNonNull(tlsSecret, "tlsSecret");
    Objects.requireNonNull(leaderElection, "leaderElection");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * Defaults for a real cluster: fixed ports 8081/8080, server-side apply, no leader election, no
   * CRD check (it would need read access to CustomResourceDefinitions).
   */
  public static OperatorConfig cluster() {
    return new OperatorConfig("0.0.0.0", 8081, 8080, Set.of(), Duration.ofSeconds(1), Optional.empty(), Optional.empty(),
        true, false, Duration.ofSeconds(30), Clock.systemUTC());
  }

  /**
   * Defaults for fabric8's in-process API server, which serves neither server-side apply nor
   * discovery: SSA and CRD checks off, loopback, free ports.
   */
  public static OperatorConfig inProcessApiServer() {
    return new OperatorConfig("127.0.0.1", 0, 0, Set.of(), Duration.ofSeconds(1), Optional.empty(), Optional.empty(),
        false, false, Duration.ofSeconds(30), Clock.systemUTC());
  }

  public OperatorConfig withPorts(int stationApi, int http) {
    return new OperatorConfig(bindAddress, stationApi, http, namespaces, coalesceInterval, tlsSecret, leaderElection,
        serverSideApply, checkCrds, heartbeatStatusRefresh, clock);
  }

  public OperatorConfig withBindAddress(String address) {
    return new OperatorConfig(address, stationApiPort, httpPort, namespaces, coalesceInterval, tlsSecret, leaderElection,
        serverSideApply, checkCrds, heartbeatStatusRefresh, clock);
  }

  public OperatorConfig withNamespaces(Set<String> watched) {
    return new OperatorConfig(bindAddress, stationApiPort, httpPort, watched, coalesceInterval, tlsSecret, leaderElection,
        serverSideApply, checkCrds, heartbeatStatusRefresh, clock);
  }

  public OperatorConfig withCoalesceInterval(Duration interval) {
    return new OperatorConfig(bindAddress, stationApiPort, httpPort, namespaces, interval, tlsSecret, leaderElection,
        serverSideApply, checkCrds, heartbeatStatusRefresh, clock);
  }

  public OperatorConfig withTlsSecret(SecretName secret) {
    return new OperatorConfig(bindAddress, stationApiPort, httpPort, namespaces, coalesceInterval, Optional.of(secret),
        leaderElection, serverSideApply, checkCrds, heartbeatStatusRefresh, clock);
  }

  public OperatorConfig withLeaderElection(LeaderElection election) {
    return new OperatorConfig(bindAddress, stationApiPort, httpPort, namespaces, coalesceInterval, tlsSecret,
        Optional.of(election), serverSideApply, checkCrds, heartbeatStatusRefresh, clock);
  }

  public OperatorConfig withServerSideApply(boolean ssa) {
    return new OperatorConfig(bindAddress, stationApiPort, httpPort, namespaces, coalesceInterval, tlsSecret, leaderElection,
        ssa, checkCrds, heartbeatStatusRefresh, clock);
  }

  public OperatorConfig withCheckCrds(boolean check) {
    return new OperatorConfig(bindAddress, stationApiPort, httpPort, namespaces, coalesceInterval, tlsSecret, leaderElection,
        serverSideApply, check, heartbeatStatusRefresh, clock);
  }

  public OperatorConfig withHeartbeatStatusRefresh(Duration refresh) {
    return new OperatorConfig(bindAddress, stationApiPort, httpPort, namespaces, coalesceInterval, tlsSecret, leaderElection,
        serverSideApply, checkCrds, refresh, clock);
  }

  public OperatorConfig withClock(Clock newClock) {
    return new OperatorConfig(bindAddress, stationApiPort, httpPort, namespaces, coalesceInterval, tlsSecret, leaderElection,
        serverSideApply, checkCrds, heartbeatStatusRefresh, newClock);
  }

  private static void requirePort(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be 0..65535, got " + port);
    }
  }

  /** A Secret by namespace and name. */
  public record SecretName(String namespace, String name) {
    public SecretName {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
    }

    /** Parses {@code namespace/name}. */
    public static SecretName parse(String text) {
      int slash = text == null ? -1 : text.indexOf('/');
      if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
        throw new IllegalArgumentException("expected namespace/name, got \"" + text + "\"");
      }
      return new SecretName(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  /** A Pod by namespace and name. */
  public record PodName(String namespace, String name) {
    public PodName {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  /**
   * Leader election with a coordination.k8s.io Lease. {@code exitOnLoss} stops the JVM when the
   * lease is lost (the safe choice for a pod; embedding code turns it off). {@code pod}, when set, is
   * this replica's own Pod, labelled {@code rescuefleet.io/leader=true} while it leads, so a Service
   * selecting that label sends station traffic to the leader only.
   */
  public record LeaderElection(String leaseName, String leaseNamespace, String identity, Duration leaseDuration,
      Duration renewDeadline, Duration retryPeriod, boolean exitOnLoss, Optional<PodName> pod) {
    public static final String DEFAULT_LEASE_NAME = "rescuefleet-operator";

    public LeaderElection {
      Objects.requireNonNull(leaseName, "leaseName");
      Objects.requireNonNull(leaseNamespace, "leaseNamespace");
      Objects.requireNonNull(identity, "identity");
      pod = pod == null ? Optional.empty() : pod;
    }

    /** Leader election without a Pod to label (embedded operators, tests). */
    public LeaderElection(String leaseName, String leaseNamespace, String identity, Duration leaseDuration,
        Duration renewDeadline, Duration retryPeriod, boolean exitOnLoss) {
      this(leaseName, leaseNamespace, identity, leaseDuration, renewDeadline, retryPeriod, exitOnLoss, Optional.empty());
    }

    /** The same election, labelling {@code own} while leading. */
    public LeaderElection withPod(PodName own) {
      return new LeaderElection(leaseName, leaseNamespace, identity, leaseDuration, renewDeadline, retryPeriod, exitOnLoss,
          Optional.of(own));
    }

    /** Kubernetes client-go's usual timings: 15 s lease, 10 s renew deadline, 2 s retry. */
    public static LeaderElection of(String leaseNamespace, String identity) {
      return new LeaderElection(DEFAULT_LEASE_NAME, leaseNamespace, identity, Duration.ofSeconds(15),
          Duration.ofSeconds(10), Duration.ofSeconds(2), true);
    }
  }
}
