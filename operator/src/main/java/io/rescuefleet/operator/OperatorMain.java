package io.rescuefleet.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.rescuefleet.operator.config.DurationParser;
import io.rescuefleet.operator.config.OperatorConfig;
import io.rescuefleet.operator.config.OperatorConfig.LeaderElection;
import io.rescuefleet.operator.config.OperatorConfig.PodName;
import io.rescuefleet.operator.config.OperatorConfig.SecretName;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The operator's command line: reads options, connects to the cluster, runs until stopped. */
@Command(name = "rescuefleet-operator", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Reconciles RescueFleet resources, serves the station API and exports metrics.")
public final class OperatorMain implements Callable<Integer> {
  private static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  @Option(names = "--station-api-port", defaultValue = "8081", description = "Port of the station API (default ${DEFAULT-VALUE}).")
  int stationApiPort;

  @Option(names = "--http-port", defaultValue = "8080",
      description = "Port of /metrics, /healthz, /readyz and /api/v1/fleet (default ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--bind-address", defaultValue = "0.0.0.0", description = "Address both ports listen on (default ${DEFAULT-VALUE}).")
  String bindAddress;

  @Option(names = "--namespace", split = ",", description = "Namespaces to watch (repeat or comma-separate); all when omitted or empty.")
  List<String> namespaces;

  @Option(names = "--coalesce-interval", defaultValue = "1s",
      description = "Least time between two status writes of one drive, phase changes aside (default ${DEFAULT-VALUE}).")
  String coalesceInterval;

  @Option(names = "--tls-secret", description = "namespace/name of a kubernetes.io/tls Secret; the station API serves TLS with it.")
  String tlsSecret;

  @Option(names = "--leader-election", arity = "1", description = "true or false; default true when running in a cluster.")
  Boolean leaderElection;

  @Option(names = "--lease-namespace", description = "Namespace of the Lease; default the pod's namespace.")
  String leaseNamespace;

  @Option(names = "--server-side-apply", arity = "1", defaultValue = "true",
      description = "Patch status with server-side apply (default ${DEFAULT-VALUE}; false for API servers without it).")
  boolean serverSideApply;

  @Option(names = "--check-crds", arity = "1", defaultValue = "false",
      description = "Check at start that the CRDs are installed and match (default ${DEFAULT-VALUE}; needs get on "
          + "customresourcedefinitions).")
  boolean checkCrds;

  @Option(names = "--heartbeat-status-refresh", defaultValue = "30s",
      description = "How often a station's lastHeartbeat is written to its status (default ${DEFAULT-VALUE}).")
  String heartbeatStatusRefresh;

  public static void main(String[] args) {
    System.exit(new CommandLine(new OperatorMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    KubernetesClient client = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).build();
    OperatorConfig config = config(client);
    RescueFleetOperator operator = RescueFleetOperator.start(client, config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      client.close();
      stopped.countDown();
    }, "rescuefleet-shutdown"));
    stopped.await();
    return 0;
  }

  OperatorConfig config(KubernetesClient client) throws IOException {
    OperatorConfig config = OperatorConfig.cluster()
        .withBindAddress(bindAddress)
        .withPorts(stationApiPort, httpPort)
        .withNamespaces(watchedNamespaces())
        .withCoalesceInterval(duration(coalesceInterval, "--coalesce-interval"))
        .withHeartbeatStatusRefresh(duration(heartbeatStatusRefresh, "--heartbeat-status-refresh"))
        .withServerSideApply(serverSideApply)
        .withCheckCrds(checkCrds);
    if (tlsSecret != null) {
      try {
        config = config.withTlsSecret(SecretName.parse(tlsSecret));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--tls-secret: " + e.getMessage());
      }
    }
    boolean inCluster = System.getenv("KUBERNETES_SERVICE_HOST") != null;
    if (leaderElection != null ? leaderElection : inCluster) {
      LeaderElection election = LeaderElection.of(leaseNamespace(client), identity());
      // The chart passes the Pod's name and namespace (downward API); its Service selects the leader's label.
      String podName = System.getenv("POD_NAME");
      String podNamespace = System.getenv("POD_NAMESPACE");
      if (podName != null && !podName.isBlank() && podNamespace != null && !podNamespace.isBlank()) {
        election = election.withPod(new PodName(podNamespace, podName));
      }
      config = config.withLeaderElection(election);
    }
    return config;
  }

  /** The named namespaces; blank names are dropped, so {@code --namespace=} (as the chart renders it) means all. */
  private Set<String> watchedNamespaces() {
    Set<String> watched = new HashSet<>();
    if (namespaces != null) {
      namespaces.stream().map(String::strip).filter(n -> !n.isEmpty()).forEach(watched::add);
    }
    return watched;
  }

  private Duration duration(String text, String option) {
    try {
      return DurationParser.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), option + ": " + e.getMessage());
    }
  }

  private String leaseNamespace(KubernetesClient client) throws IOException {
    if (leaseNamespace != null) {
      return leaseNamespace;
    }
    String fromEnv = System.getenv("POD_NAMESPACE");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    if (Files.isReadable(SERVICE_ACCOUNT_NAMESPACE)) {
      return Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim();
    }
    return client.getNamespace() != null ? client.getNamespace() : "default";
  }

  private static String identity() throws IOException {
    String pod = System.getenv("POD_NAME");
    return pod != null && !pod.isBlank() ? pod : InetAddress.getLocalHost().getHostName();
  }
}
