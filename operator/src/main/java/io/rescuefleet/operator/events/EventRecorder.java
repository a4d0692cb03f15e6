package io.rescuefleet.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.rescuefleet.operator.status.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events for RescueFleet objects, off the reconcile threads. The same event for the
 * same object within ten minutes bumps the existing Event's count (a patch) instead of creating a
 * new one, as client-go's recorder does. Messages come from the operator's own text; tokens never
 * reach them.
 */
public final class EventRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(10);
  private static final int MAX_REMEMBERED = 4096;
  private static final int MAX_MESSAGE = 1024;
  /** Cluster-scoped objects' Events live here, as kubectl looks for them. */
  private static final String CLUSTER_EVENTS_NAMESPACE = "default";

  private final KubernetesClient client;
  private final String component;
  private final String instance;
  private final Clock clock;
  private final ThreadPoolExecutor executor;
  private final Map<String, Recorded> recent = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
      return size() > MAX_REMEMBERED;
    }
  };

  public EventRecorder(KubernetesClient client, String component, String instance, Clock clock) {
    this.client = client;
    this.component = component;
    this.instance = instance;
    this.clock = clock;
    this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(2048), r -> {
      Thread t = new Thread(r, "rescuefleet-events");
      t.setDaemon(true);
      return t;
    }, (r, e) -> LOG.warn("event dropped: recorder queue full"));
  }

  public void normal(HasMetadata object, String reason, String message) {
    record(object, "Normal", reason, message);
  }

  public void warning(HasMetadata object, String reason, String message) {
    record(object, "Warning", reason, message);
  }

  private void record(HasMetadata object, String type, String reason, String message) {
    String text = message == null ? "" : message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    Instant now = clock.instant();
    executor.execute(() -> emit(object, type, reason, text, now));
  }

  private void emit(HasMetadata object, String type, String reason, String message, Instant now) {
    String namespace = object.getMetadata().getNamespace() == null ? CLUSTER_EVENTS_NAMESPACE
        : object.getMetadata().getNamespace();
    String key = object.getKind() + "/" + namespace + "/" + object.getMetadata().getName() + "/" + type + "/" + reason
        + "/" + message;
    try {
      Recorded seen = recent.get(key);
      if (seen != null && Duration.between(seen.last, now).compareTo(AGGREGATION_WINDOW) < 0) {
        int count = seen.count + 1;
        String patch = "{\"count\":" + count + ",\"lastTimestamp\":\"" + Timestamps.format(now) + "\"}";
        try {
          // Patched through an object naming it: by name alone fabric8 would GET the Event first,
          // a second request, and one more verb for the operator's RBAC.
          Event named = new EventBuilder().withNewMetadata().withName(seen.name).withNamespace(namespace).endMetadata()
              .build();
          client.v1().events().inNamespace(namespace).resource(named).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
          recent.put(key, new Recorded(seen.name, count, now));
          return;
        } catch (KubernetesClientException e) {
          if (e.getCode() != 404) {
            throw e;
          }
          // the Event expired meanwhile: create a new one below
        }
      }
      String name = object.getMetadata().getName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
      Event event = new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(object.getApiVersion()).withKind(object.getKind())
              .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
              .withUid(object.getMetadata().getUid()).build())
          .withType(type).withReason(reason).withMessage(message)
          .withNewSource().withComponent(component).endSource()
          .withReportingComponent(component).withReportingInstance(instance)
          .withFirstTimestamp(Timestamps.format(now)).withLastTimestamp(Timestamps.format(now)).withCount(1)
          .build();
      client.v1().events().inNamespace(namespace).resource(event).create();
      recent.put(key, new Recorded(name, 1, now));
    } catch (KubernetesClientException e) {
      LOG.warn("event not recorded: object={} reason={} code={}", object.getMetadata().getName(), reason, e.getCode());
    }
  }

  /** Waits briefly for queued events, then stops. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Recorded(String name, int count, Instant last) {}
}
