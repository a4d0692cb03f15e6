package io.rescuefleet.operator.devserver;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The in-process Kubernetes API server: fabric8's {@code KubernetesMockServer} in CRUD mode, with
 * the RescueFleet CRDs applied. fabric8 7.5.2 writes it against Vert.x 4, which cannot share a class
 * path with this module's Vert.x 5 (every watch fails), so it runs on its own Vert.x 4 in an
 * {@link IsolatingClassLoader}; the operator talks to it over HTTP like to any API server.
 */
public final class InProcessApiServer implements AutoCloseable {
  /** The generated CRDs, as the crds module packages them. */
  private static final List<String> CRDS = List.of("isocatalogs", "wtgprofiles", "fleetpolicies", "imagingstations",
      "rescuedrives");
  private static final String LIB_PROPERTY = "rescuefleet.apiserver.lib";
  /**
   * The mock web server logs every request through java.util.logging at INFO; that costs more than
   * serving it. Held here because JUL keeps loggers weakly and would forget the level.
   */
  private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

  private final Object server;
  private final String url;
  private final Thread drainer;
  private final Set<ApiCall> calls = ConcurrentHashMap.newKeySet();
  private volatile boolean recording;

  private InProcessApiServer(Object server, String url) {
    this.server = server;
    this.url = url;
    this.drainer = new Thread(this::discardRecordedRequests, "apiserver-request-drainer");
    drainer.setDaemon(true);
    drainer.start();
  }

  /** Starts a server on a free loopback port with the RescueFleet CRDs created. */
  public static InProcessApiServer start() {
    IsolatingClassLoader loader = new IsolatingClassLoader(libraryJars(), InProcessApiServer.class.getClassLoader());
    try {
      Class<?> context = loader.loadClass("io.fabric8.mockwebserver.Context");
      Class<?> webServer = loader.loadClass("io.fabric8.mockwebserver.MockWebServer");
      Class<?> dispatcher = loader.loadClass("io.fabric8.mockwebserver.http.Dispatcher");
      Class<?> mixed = loader.loadClass("io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher");
      Class<?> mock = loader.loadClass("io.fabric8.kubernetes.client.server.mock.KubernetesMockServer");
      Constructor<?> constructor = mock.getConstructor(context, webServer, java.util.Map.class, dispatcher, boolean.class);
      // CRUD for everything, plus the few canned answers below (the mixed dispatcher shares the map).
      java.util.Map<Object, Object> responses = new HashMap<>();
      Object server = constructor.newInstance(context.getConstructor().newInstance(),
          webServer.getConstructor().newInstance(), responses, mixed.getConstructor(java.util.Map.class).newInstance(responses),
          false);
      mock.getMethod("init", InetAddress.class, int.class).invoke(server, InetAddress.getLoopbackAddress(), 0);
      allowLeases(server);
      int port = (int) mock.getMethod("getPort").invoke(server);
      InProcessApiServer started = new InProcessApiServer(server, "http://127.0.0.1:" + port);
      try (KubernetesClient client = started.newClient()) {
        for (String plural : CRDS) {
          client.resource(crd(plural)).create();
        }
      }
      return started;
    } catch (ReflectiveOperationException e) {
      closeQuietly(loader);
      throw new IllegalStateException("cannot start the in-process API server from " + libraryDir(), e);
    }
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return url;
  }

  /**
   * A new client for this server; the caller closes it. HTTP watches are turned off in favour of
   * web sockets, which the mock server serves.
   */
  public KubernetesClient newClient() {
    return newClient(null);
  }

  /** A new client that says who it is in its User-Agent, so {@link #calls} can tell its requests apart. */
  public KubernetesClient newClient(String userAgent) {
    ConfigBuilder builder = new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withNamespace("default")
        .withRequestTimeout(30_000);
    if (userAgent != null) {
      builder.withUserAgent(userAgent);
    }
    Config config = builder.build();
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
  }

  /** From now on, remembers every distinct request the server answers (for RBAC checks); off by default. */
  public void recordCalls() {
    recording = true;
  }

  /** The distinct requests answered since {@link #recordCalls}. */
  public Set<ApiCall> calls() {
    return Set.copyOf(calls);
  }

  /**
   * Stops the server. The class loader stays open: the server's Vert.x finishes closing on its own
   * threads after this returns and still loads classes then.
   */
  @Override
  public void close() {
    drainer.interrupt();
    try {
      server.getClass().getMethod("destroy").invoke(server);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot stop the in-process API server", e);
    }
  }

  /**
   * The mock server implements no authorization API; java-operator-sdk asks it (a
   * SelfSubjectRulesReview) whether leader election may use Leases before it starts. Answer as a
   * cluster whose RBAC grants them would.
   */
  private static void allowLeases(Object server) throws ReflectiveOperationException {
    String review = "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectRulesReview\",\"spec\":{},"
        + "\"status\":{\"incomplete\":false,\"nonResourceRules\":[],\"resourceRules\":[{\"apiGroups\":"
        + "[\"coordination.k8s.io\"],\"resources\":[\"leases\"],\"verbs\":[\"get\",\"create\",\"update\"]}]}}";
    Object expectation = call(call(call(server, "expect"), "post"), "withPath",
        "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews");
    call(call(expectation, "andReturn", 201, review), "always");
  }

  /** Calls a public method by name through the interfaces the (package-private) mock DSL classes implement. */
  private static Object call(Object target, String name, Object... args) throws ReflectiveOperationException {
    for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
      for (Class<?> api : type.getInterfaces()) {
        for (java.lang.reflect.Method m : api.getMethods()) {
          if (m.getName().equals(name) && m.getParameterCount() == args.length && accepts(m.getParameterTypes(), args)) {
            return m.invoke(target, args);
          }
        }
      }
    }
    return target.getClass().getMethod(name).invoke(target, args);
  }

  private static boolean accepts(Class<?>[] types, Object[] args) {
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i] == int.class ? Integer.class : types[i];
      if (!t.isInstance(args[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The mock web server keeps every request it served in an unbounded queue; drained so long runs
   * (the benchmark) do not fill the heap with them, and read only while {@link #recordCalls} is on.
   */
  private void discardRecordedRequests() {
    try {
      var take = server.getClass().getMethod("takeRequest");
      while (!Thread.currentThread().isInterrupted()) {
        Object request = take.invoke(server);
        if (recording && request != null) {
          calls.add(ApiCall.of((String) request.getClass().getMethod("getHeader", String.class).invoke(request, "User-Agent"),
              (String) request.getClass().getMethod("getMethod").invoke(request),
              (String) request.getClass().getMethod("getPath").invoke(request)));
        }
      }
    } catch (ReflectiveOperationException e) {
      if (!(e.getCause() instanceof InterruptedException)) {
        throw new IllegalStateException("cannot drain the mock server's request log", e);
      }
    }
  }

  private static CustomResourceDefinition crd(String plural) {
    String resource = "/META-INF/fabric8/" + plural + ".rescuefleet.io-v1.yml";
    try (InputStream in = InProcessApiServer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("CRD " + resource + " is not on the class path (crds module not built?)");
      }
      return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  private static Path libraryDir() {
    return Path.of(System.getProperty(LIB_PROPERTY, "target/apiserver-lib"));
  }

  private static URL[] libraryJars() {
    Path dir = libraryDir();
    try (Stream<Path> jars = Files.list(dir)) {
      return jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(InProcessApiServer::toUrl).toArray(URL[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException("no API server libraries in " + dir + " (run the build's generate-test-resources)", e);
    }
  }

  private static URL toUrl(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(path.toString(), e);
    }
  }

  private static void closeQuietly(IsolatingClassLoader loader) {
    try {
      loader.close();
    } catch (IOException ignored) {
      // nothing useful to do while shutting down
    }
  }
}
