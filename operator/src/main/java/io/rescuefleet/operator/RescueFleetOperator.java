package io.rescuefleet.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.rescuefleet.operator.config.OperatorConfig;
import io.rescuefleet.operator.config.OperatorConfig.LeaderElection;
import io.rescuefleet.operator.controller.Controllers;
import io.rescuefleet.operator.controller.InboundTriggers;
import io.rescuefleet.operator.events.EventRecorder;
import io.rescuefleet.operator.fleet.DriveState;
import io.rescuefleet.operator.fleet.FleetState;
import io.rescuefleet.operator.fleet.FleetView;
import io.rescuefleet.operator.http.OpsHttpServer;
import io.rescuefleet.operator.leader.LeaderPodLabel;
import io.rescuefleet.operator.metrics.JosdkMetrics;
import io.rescuefleet.operator.metrics.OperatorMetrics;
import io.rescuefleet.operator.secret.SecretStore;
import io.rescuefleet.operator.stationapi.AssignmentBoard;
import io.rescuefleet.operator.stationapi.HeartbeatService;
import io.rescuefleet.operator.stationapi.ReportIngestor;
import io.rescuefleet.operator.stationapi.StationApiServer;
import io.rescuefleet.operator.stationapi.StationAuthenticator;
import io.rescuefleet.operator.stationapi.TlsCertificates;
import io.rescuefleet.operator.trigger.StatusCoalescer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole operator in one process: the five controllers (java-operator-sdk), the station API and
 * the operations port (Vert.x). {@link #start} returns once informers have synced and both ports
 * listen; {@link #close} stops everything it started (never the client it was given), after
 * recording in status what the reports it acknowledged changed.
 */
public final class RescueFleetOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RescueFleetOperator.class);
  private static final String COMPONENT = "rescuefleet-operator";
  private static final long START_TIMEOUT_SECONDS = 120;
  /** How long a stopping operator waits for the statuses that hold the reports it acknowledged. */
  private static final Duration RECORD_ON_STOP = Duration.ofSeconds(15);

  private final OperatorConfig config;
  private final FleetState fleet;
  private final OperatorMetrics metrics;
  private final EventRecorder events;
  private final StatusCoalescer coalescer;
  private final SecretStore secrets;
  private final Operator josdk;
  private final Vertx vertx;
  private final StationApiServer stationApi;
  private final OpsHttpServer ops;
  private final AtomicBoolean leading;
  private final Optional<LeaderPodLabel> leaderLabel;
  private volatile boolean started;
  private volatile boolean closed;
  private int stationApiPort;
  private int httpPort;

  private RescueFleetOperator(KubernetesClient client, OperatorConfig config) {
    this.config = config;
    Clock clock = config.clock();
    String identity = config.leaderElection().map(LeaderElection::identity).orElse(COMPONENT);
    this.fleet = new FleetState(clock);
    this.metrics = new OperatorMetrics(new FleetStatistics(fleet, clock));
    this.events = new EventRecorder(client, COMPONENT, identity, clock);
    this.secrets = new SecretStore(client, clock);
    AssignmentBoard board = new AssignmentBoard(clock.millis());
    InboundTriggers triggers = new InboundTriggers();
    this.coalescer = new StatusCoalescer(config.coalesceInterval(), triggers);
    Controllers controllers = new Controllers(fleet, board, triggers, coalescer, metrics, events, secrets,
        config.serverSideApply(), config.heartbeatStatusRefresh(), clock);
    this.leading = new AtomicBoolean(config.leaderElection().isEmpty());
    this.leaderLabel = config.leaderElection().flatMap(LeaderElection::pod).map(pod -> new LeaderPodLabel(client, pod));

    this.josdk = new Operator(o -> {
      o.withKubernetesClient(client)
          .withUseSSAToPatchPrimaryResource(config.serverSideApply())
          .checkingCRDAndValidateLocalModel(config.checkCrds())
          .withMetrics(new JosdkMetrics(metrics))
          .withCloseClientOnStop(false);
      config.leaderElection().ifPresent(le -> o.withLeaderElectionConfiguration(
          LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(le.leaseName())
              .withLeaseNamespace(le.leaseNamespace())
              .withIdentity(le.identity())
              .withLeaseDuration(le.leaseDuration())
              .withRenewDeadline(le.renewDeadline())
              .withRetryPeriod(le.retryPeriod())
              .withExitOnStopLeading(le.exitOnLoss())
              .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading,
                  leader -> LOG.info("leader observed: identity={}", leader)))
              .build()));
    });
    for (Reconciler<?> reconciler : controllers.namespaced()) {
      register(josdk, reconciler, config.namespaces());
    }
    register(josdk, controllers.clusterScoped(), Set.of());

    this.vertx = Vertx.vertx();
    this.stationApi = new StationApiServer(vertx, new StationAuthenticator(controllers.stationDirectory(), secrets),
        new HeartbeatService(fleet, controllers.driveDirectory(), controllers.stationDirectory(), board, coalescer,
            config.heartbeatStatusRefresh(), clock), board,
        new ReportIngestor(fleet, controllers.driveDirectory(), coalescer, metrics, clock), leading::get);
    this.ops = new OpsHttpServer(vertx, metrics, fleet, () -> !closed, this::ready);
  }

  /** Starts the operator against {@code client} (which stays the caller's to close). */
  public static RescueFleetOperator start(KubernetesClient client, OperatorConfig config) {
    RescueFleetOperator operator = new RescueFleetOperator(client, config);
    try {
      // Not leading yet: clear a label an earlier container of this Pod may have left.
      operator.leaderLabel.ifPresent(label -> label.set(operator.leading.get()));
      Optional<PemKeyCertOptions> tls = config.tlsSecret().map(name -> TlsCertificates.load(client, name));
      operator.httpPort = await(operator.ops.start(config.bindAddress(), config.httpPort()));
      operator.josdk.start();
      operator.stationApiPort = await(operator.stationApi.start(config.bindAddress(), config.stationApiPort(), tls));
      operator.started = true;
      LOG.info("operator started: stationApiPort={} httpPort={} tls={} leaderElection={} serverSideApply={}",
          operator.stationApiPort, operator.httpPort, tls.isPresent(), config.leaderElection().isPresent(),
          config.serverSideApply());
      return operator;
    } catch (RuntimeException e) {
      operator.close();
      throw e;
    }
  }

  public int stationApiPort() {
    return stationApiPort;
  }

  /** The station API's endpoints as its router serves them ({@link StationApiServer#endpoints()}). */
  public java.util.List<String> stationApiEndpoints() {
    return stationApi.endpoints();
  }

  public int httpPort() {
    return httpPort;
  }

  /** The live fleet view: stations, ports, drives with phase, progress, throughput, alerts, drift history. */
  public FleetView fleet() {
    return fleet;
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  /** Whether this replica holds the lease (always, without leader election). */
  public boolean isLeader() {
    return leading.get();
  }

  public OperatorConfig config() {
    return config;
  }

  private boolean ready() {
    return started && !closed && josdk.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  private void startedLeading() {
    leading.set(true);
    leaderLabel.ifPresent(label -> label.set(true));
    LOG.info("leadership acquired");
  }

  private void stoppedLeading() {
    leading.set(false);
    leaderLabel.ifPresent(label -> label.set(false));
    LOG.info("leadership lost");
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    boolean wasStarted = started;
    closed = true;
    started = false;
    // First, so the Service stops sending stations here while this replica still answers them.
    leaderLabel.ifPresent(label -> quietly(label::close));
    quietly(() -> await(stationApi.stop()));
    if (wasStarted) {
      quietly(this::recordPendingStatuses);
    }
    quietly(josdk::stop);
    quietly(() -> await(ops.stop()));
    quietly(coalescer::close);
    quietly(events::close);
    quietly(secrets::close);
    quietly(() -> await(vertx.close()));
    LOG.info("operator stopped");
  }

  /**
   * Has every drive whose status does not hold all the reports applied yet reconciled now, and
   * waits for those writes: the stations were told these reports were applied and will not send
   * them again, and the next operator knows only what the status says. Runs once the station API
   * is closed, so no report comes in meanwhile.
   */
  private void recordPendingStatuses() {
    long deadline = System.nanoTime() + RECORD_ON_STOP.toNanos();
    List<String> pending = unpersistedDrives();
    int atStart = pending.size();
    while (!pending.isEmpty()) {
      if (System.nanoTime() > deadline) {
        LOG.warn("operator stopping before the status of some drives holds their last reports: drives={} first={}",
            pending.size(), pending.get(0));
        return;
      }
      pending.forEach(key -> coalescer.drive(key, true));
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pending = unpersistedDrives();
    }
    if (atStart > 0) {
      LOG.info("statuses recorded before stopping: drives={}", atStart);
    }
  }

  private List<String> unpersistedDrives() {
    List<String> keys = new ArrayList<>();
    for (DriveState d : fleet.drives()) {
      if (d.unpersisted()) {
        keys.add(d.key());
      }
    }
    return keys;
  }

  private static <P extends HasMetadata> void register(Operator operator, Reconciler<P> reconciler, Set<String> namespaces) {
    operator.register(reconciler, o -> {
      if (namespaces.isEmpty()) {
        o.watchingAllNamespaces();
      } else {
        o.settingNamespaces(namespaces);
      }
    });
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e);
    }
  }

  private static void quietly(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      LOG.warn("shutdown step failed: error={}", e.toString());
    }
  }
}
