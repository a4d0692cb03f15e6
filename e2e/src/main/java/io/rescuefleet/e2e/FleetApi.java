package io.rescuefleet.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.rescuefleet.operator.config.OperatorConfig;
import io.rescuefleet.operator.devserver.ApiCall;
import io.rescuefleet.operator.devserver.InProcessApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Kubernetes API a {@link LocalFleet} works against: the in-process API server by default; with
 * {@code KUBECONFIG} set, the real cluster it names; where a Docker engine answers, a k3s cluster from
 * Testcontainers' k3s module. Either way the CRDs of
 * {@code crds/manifests} are applied first (on the in-process server they replace identical
 * copies; a real cluster is waited on until it serves them), and on a real cluster the operator
 * patches status with server-side apply, as it does when deployed.
 */
public final class FleetApi implements AutoCloseable {
  /** Directory of the CRD manifests; {@code crds/manifests} (from the repository root or a module) by default. */
  public static final String CRDS_PROPERTY = "rescuefleet.crds.dir";
  private static final long ESTABLISHED_SECONDS = 60;
  private static final int HTTP_CONFLICT = 409;
  /** Updates tried in a row against the operator's own writes. */
  private static final int CONFLICT_ATTEMPTS = 5;

  /** The k3s image of {@link Backend#K3S}; {@code RESCUEFLEET_K3S_IMAGE} names another. */
  static final String K3S_IMAGE = "rancher/k3s:v1.31.5-k3s1";

  /** Which API server the suite runs against. */
  enum Backend {
    /** The cluster {@code KUBECONFIG} names. */
    KUBECONFIG,
    /** A k3s cluster in a container, where a Docker engine answers (Testcontainers' k3s module). */
    K3S,
    /** The in-process API server: everywhere else, this project's CI included. */
    IN_PROCESS
  }

  private final InProcessApiServer inProcess;
  private final AutoCloseable cluster;
  private final KubernetesClient client;
  private final KubernetesClient operatorClient;

  private FleetApi(InProcessApiServer inProcess, AutoCloseable cluster, KubernetesClient client,
      KubernetesClient operatorClient) {
    this.inProcess = inProcess;
    this.cluster = cluster;
    this.client = client;
    this.operatorClient = operatorClient;
  }

  /**
   * The real cluster of {@code KUBECONFIG} when the environment sets it; else, where a Docker engine
   * answers, a fresh k3s cluster in a container ({@code RESCUEFLEET_K3S=off} declines it); else a fresh
   * in-process API server that records the calls it answers. The operator gets its own client, whose
   * User-Agent is {@code operatorUserAgent}, so its calls can be told from the harness's.
   */
  public static FleetApi connect(Map<String, String> environment, String operatorUserAgent) {
    FleetApi api = switch (choose(environment, dockerAnswers(environment))) {
      case IN_PROCESS -> {
        InProcessApiServer server = InProcessApiServer.start();
        server.recordCalls();
        yield new FleetApi(server, null, server.newClient(), server.newClient(operatorUserAgent));
      }
      // fabric8 reads KUBECONFIG itself, as kubectl does.
      case KUBECONFIG -> new FleetApi(null, null, clusterClient(Config.autoConfigure(null), null),
          clusterClient(Config.autoConfigure(null), operatorUserAgent));
      case K3S -> {
        K3sContainer k3s = new K3sContainer(DockerImageName.parse(environment.getOrDefault("RESCUEFLEET_K3S_IMAGE",
            K3S_IMAGE)).asCompatibleSubstituteFor("rancher/k3s"));
        k3s.start();
        String kubeconfig = k3s.getKubeConfigYaml();
        yield new FleetApi(null, k3s, clusterClient(Config.fromKubeconfig(kubeconfig), null),
            clusterClient(Config.fromKubeconfig(kubeconfig), operatorUserAgent));
      }
    };
    try {
      api.installCrds(crdsDir());
      return api;
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
  }

  /** Whether {@code environment} points at a real cluster: a non-blank {@code KUBECONFIG}. */
  static boolean namesCluster(Map<String, String> environment) {
    String kubeconfig = environment.get("KUBECONFIG");
    return kubeconfig != null && !kubeconfig.isBlank();
  }

  /** The API server for {@code environment}, given whether a Docker engine answers there. */
  static Backend choose(Map<String, String> environment, boolean dockerAnswers) {
    if (namesCluster(environment)) {
      return Backend.KUBECONFIG;
    }
    boolean declined = "off".equalsIgnoreCase(environment.getOrDefault("RESCUEFLEET_K3S", ""));
    return dockerAnswers && !declined ? Backend.K3S : Backend.IN_PROCESS;
  }

  /**
   * Whether a Docker engine answers: asked of Testcontainers only where one may be (DOCKER_HOST set or
   * the default socket present), so machines without one pay no probing.
   */
  private static boolean dockerAnswers(Map<String, String> environment) {
    boolean mayBe = environment.containsKey("DOCKER_HOST") || Files.exists(Path.of("/var/run/docker.sock"));
    return mayBe && DockerClientFactory.instance().isDockerAvailable();
  }

  private static KubernetesClient clusterClient(Config config, String userAgent) {
    if (userAgent != null) {
      config.setUserAgent(userAgent);
    }
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
  }

  public KubernetesClient client() {
    return client;
  }

  /** The operator's own client. */
  public KubernetesClient operatorClient() {
    return operatorClient;
  }

  /** The distinct calls the in-process API server answered; a real cluster's audit log is its own business. */
  public Set<ApiCall> calls() {
    if (inProcess == null) {
      throw new IllegalStateException("API calls are recorded by the in-process API server only");
    }
    return inProcess.calls();
  }

  public boolean realCluster() {
    return inProcess == null;
  }

  /** The operator's settings for this API: loopback, and server-side apply where the API server has it. */
  public OperatorConfig operatorConfig() {
    return OperatorConfig.inProcessApiServer().withServerSideApply(realCluster());
  }

  /**
   * Creates or replaces {@code object}, as kubectl apply does: server-side apply on a real cluster;
   * the in-process server has none, so there it is created or updated, again on a conflict (the
   * operator's status writes move the resourceVersion between the update's read and its write).
   */
  public void apply(HasMetadata object) {
    if (realCluster()) {
      client.resource(object).forceConflicts().serverSideApply();
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        client.resource(object).createOr(NonDeletingOperation::update);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HTTP_CONFLICT || attempt == CONFLICT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** The CRD manifests in {@code dir}, as kubectl apply -f would read them. */
  public static List<CustomResourceDefinition> crds(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<CustomResourceDefinition> crds = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
          .sorted().map(FleetApi::readCrd).toList();
      if (crds.isEmpty()) {
        throw new IllegalStateException("no CRD manifests in " + dir);
      }
      return crds;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the CRD manifests in " + dir, e);
    }
  }

  private void installCrds(Path dir) {
    for (CustomResourceDefinition crd : crds(dir)) {
      apply(crd);
      if (realCluster()) {
        client.resource(crd).waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions()
            .stream().anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
            ESTABLISHED_SECONDS, TimeUnit.SECONDS);
      }
    }
  }

  static Path crdsDir() {
    String configured = System.getProperty(CRDS_PROPERTY);
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path candidate : List.of(Path.of("crds/manifests"), Path.of("../crds/manifests"))) {
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find crds/manifests from " + Path.of("").toAbsolutePath()
        + "; set -D" + CRDS_PROPERTY + "=DIR");
  }

  private static CustomResourceDefinition readCrd(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public void close() {
    operatorClient.close();
    client.close();
    if (inProcess != null) {
      inProcess.close();
    }
    if (cluster != null) {
      try {
        cluster.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop the k3s cluster", e);
      }
    }
  }
}
