package io.rescuefleet.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.ImagingStationSpec;
import io.rescuefleet.api.v1alpha1.SecretKeyRef;
import io.rescuefleet.operator.RescueFleetOperator;
import io.rescuefleet.operator.config.OperatorConfig;
import io.rescuefleet.operator.devserver.ApiCall;
import io.rescuefleet.station.connected.RunCommand;
import io.rescuefleet.station.connected.StationConfig;
import io.rescuefleet.station.connected.StationDaemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A whole RescueFleet in one process, as the demo and the end-to-end suite run it: the in-process
 * Kubernetes API server (or, with {@code KUBECONFIG} set, a real cluster: see {@link FleetApi}), the
 * operator on fixed loopback ports (so it can be restarted under the stations' feet), and station
 * daemons in connected mode, each with an image hub of image-backed sticks. Everything talks over
 * real HTTP; {@link #close} stops it all and leaves nothing attached (on a real cluster it also
 * deletes what it applied).
 */
public final class LocalFleet implements AutoCloseable {
  public static final String SYSTEM_NAMESPACE = "rescuefleet-system";
  /** The User-Agent of the operator's own client, which tells its API calls from the harness's. */
  public static final String OPERATOR_USER_AGENT = "rescuefleet-operator";

  private final Path workDir;
  private final FleetApi api;
  private final KubernetesClient client;
  private final List<HasMetadata> applied = new ArrayList<>();
  private final Set<String> namespaces = new HashSet<>();
  private final UnaryOperator<OperatorConfig> operatorSettings;
  private final int stationApiPort;
  private final int httpPort;
  private final Map<String, Station> stations = new LinkedHashMap<>();
  private final Clock clock = Clock.systemUTC();
  private RescueFleetOperator operator;

  /** A station daemon, its image hub and its config. */
  public static final class Station {
    private final String name;
    private final ImageHub hub;
    private final StationConfig config;
    private StationDaemon daemon;

    private Station(String name, ImageHub hub, StationConfig config) {
      this.name = name;
      this.hub = hub;
      this.config = config;
    }

    public String name() {
      return name;
    }

    public ImageHub hub() {
      return hub;
    }

    public StationDaemon daemon() {
      return daemon;
    }

    public Path stateDir() {
      return config.stateDir;
    }

    /** The token the daemon presents (its token file's content), for tests that look for leaks. */
    public String token() {
      try {
        return Files.readString(config.tokenFile).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Where the daemon reads its token; it re-reads the file when it changes. */
    public Path tokenFile() {
      return config.tokenFile;
    }
  }

  private LocalFleet(Path workDir, UnaryOperator<OperatorConfig> operatorSettings, Map<String, String> environment)
      throws IOException {
    this.workDir = Files.createDirectories(workDir);
    this.operatorSettings = operatorSettings;
    this.stationApiPort = freePort();
    this.httpPort = freePort();
    this.api = FleetApi.connect(environment, OPERATOR_USER_AGENT);
    this.client = api.client();
  }

  /**
   * Starts the API (the real cluster of {@code KUBECONFIG} when set, else the in-process API server)
   * and the operator; add stations with {@link #addStation}.
   */
  public static LocalFleet start(Path workDir, UnaryOperator<OperatorConfig> operatorSettings) throws IOException {
    return start(workDir, operatorSettings, System.getenv());
  }

  /** As {@link #start(Path, UnaryOperator)}, always on the in-process API server (the demo: never someone's cluster). */
  public static LocalFleet startInProcess(Path workDir, UnaryOperator<OperatorConfig> operatorSettings) throws IOException {
    return start(workDir, operatorSettings, Map.of());
  }

  private static LocalFleet start(Path workDir, UnaryOperator<OperatorConfig> operatorSettings,
      Map<String, String> environment) throws IOException {
    LocalFleet fleet = new LocalFleet(workDir, operatorSettings, environment);
    try {
      fleet.startOperator();
      return fleet;
    } catch (RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  public KubernetesClient client() {
    return client;
  }

  /** Whether this fleet runs against a real cluster (KUBECONFIG) rather than the in-process API server. */
  public boolean realCluster() {
    return api.realCluster();
  }

  public RescueFleetOperator operator() {
    return operator;
  }

  /** The distinct API calls the operator made so far (through its own client), for RBAC checks. */
  public Set<ApiCall> operatorCalls() {
    return api.calls().stream().filter(c -> OPERATOR_USER_AGENT.equals(c.userAgent())).collect(Collectors.toSet());
  }

  public String metricsUrl() {
    return "http://127.0.0.1:" + httpPort + "/metrics";
  }

  public String fleetPageUrl() {
    return "http://127.0.0.1:" + httpPort + "/";
  }

  public int httpPort() {
    return httpPort;
  }

  /** The operator's station API port, fixed for the fleet's life (it survives operator restarts). */
  public int stationApiPort() {
    return stationApiPort;
  }

  public Station station(String name) {
    return stations.get(name);
  }

  /** Creates or replaces objects, as kubectl apply would, creating their namespaces first when missing. */
  public synchronized void apply(List<? extends HasMetadata> objects) {
    for (HasMetadata o : objects) {
      String ns = o.getMetadata().getNamespace();
      if (ns != null && namespaces.add(ns) && client.namespaces().withName(ns).get() == null) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
      }
      api.apply(o);
      applied.add(o);
    }
  }

  /**
   * Registers an ImagingStation (with a fresh token Secret) and starts its daemon, whose hub lives
   * under the work directory. {@code ports} are the hub's port paths, e.g. {@code 1-2.1}.
   */
  public Station addStation(String name, List<String> ports, Path ventoyRelease) throws IOException {
    return addStation(name, ports, ventoyRelease, c -> {});
  }

  /** As {@link #addStation(String, List, Path)}, with the daemon's config adjusted first (e.g. its operator URL). */
  public Station addStation(String name, List<String> ports, Path ventoyRelease, Consumer<StationConfig> adjust)
      throws IOException {
    StationConfig config = registerStation(name, ports, ventoyRelease);
    adjust.accept(config);
    Station s = new Station(name, new ImageHub(config.discovery.imageHub), config);
    stations.put(name, s);
    startDaemon(name);
    return s;
  }

  /**
   * Registers an ImagingStation (with a fresh token Secret) and returns the config of a daemon for
   * it, with its token file, state and image hub under the work directory, without starting one:
   * for a daemon run elsewhere, such as in a process of its own.
   */
  public StationConfig registerStation(String name, List<String> ports, Path ventoyRelease) throws IOException {
    String token = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
    Secret secret = new SecretBuilder()
        .withMetadata(new ObjectMetaBuilder().withNamespace(SYSTEM_NAMESPACE).withName(name + "-token").build())
        .withStringData(Map.of("token", token))
        .build();
    ImagingStation station = new ImagingStation();
    station.setMetadata(new ObjectMetaBuilder().withName(name).build());
    station.setSpec(new ImagingStationSpec());
    station.getSpec().tokenSecretRef = new SecretKeyRef(SYSTEM_NAMESPACE, name + "-token", "token");
    List<ImagingStationSpec.Port> labelled = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      labelled.add(new ImagingStationSpec.Port(ports.get(i), "hub slot " + (i + 1)));
    }
    station.getSpec().ports = labelled;
    apply(List.of(secret, station));

    Path dir = Files.createDirectories(workDir.resolve("stations").resolve(name));
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, token);
    StationConfig config = new StationConfig();
    config.station = name;
    config.operatorUrl = URI.create("http://127.0.0.1:" + stationApiPort);
    config.tokenFile = tokenFile;
    config.cacheDir = workDir.resolve("cache");
    config.stateDir = dir.resolve("state");
    config.ventoyReleaseDir = ventoyRelease;
    config.discovery.usb = false;
    config.discovery.imageHub = dir.resolve("hub");
    config.discovery.pollSeconds = 0.5;
    config.maxParallelSticks = 3;
    return config;
  }

  /** Starts (or restarts) a station's daemon; its outbox survives in its state directory. */
  public void startDaemon(String name) throws IOException {
    Station s = stations.get(name);
    s.daemon = RunCommand.create(s.config, clock);
    s.daemon.start();
  }

  /** Stops a station's daemon, cancelling its runs (a daemon stopped mid-reconcile). */
  public void stopDaemon(String name) {
    Station s = stations.get(name);
    if (s.daemon != null) {
      s.daemon.close();
      s.daemon = null;
    }
  }

  /** Starts the operator on the fleet's fixed ports. */
  public void startOperator() {
    OperatorConfig config = operatorSettings.apply(api.operatorConfig().withPorts(stationApiPort, httpPort));
    operator = RescueFleetOperator.start(api.operatorClient(), config);
  }

  /** Stops the operator; stations keep working and keep their reports in their outboxes. */
  public void stopOperator() {
    if (operator != null) {
      operator.close();
      operator = null;
    }
  }

  @Override
  public void close() {
    for (String name : stations.keySet()) {
      try {
        stopDaemon(name);
      } catch (RuntimeException e) {
        // keep stopping the rest
      }
    }
    stopOperator();
    if (api.realCluster()) {
      deleteApplied();
    }
    api.close();
  }

  /** On a shared cluster, what this fleet applied goes again (newest first), so the next run starts clean. */
  private synchronized void deleteApplied() {
    for (int i = applied.size() - 1; i >= 0; i--) {
      try {
        client.resource(applied.get(i)).withTimeout(30, TimeUnit.SECONDS).delete();
      } catch (RuntimeException e) {
        // keep deleting the rest
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
