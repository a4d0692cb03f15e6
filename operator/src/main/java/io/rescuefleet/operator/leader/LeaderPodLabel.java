package io.rescuefleet.operator.leader;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.operator.config.OperatorConfig.PodName;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this replica's own Pod labelled {@value #LABEL}{@code =true} exactly while it holds the Lease,
 * so the chart's Service, which selects the label, sends stations to the leader only.
 */
// Routing by label rather than by readiness keeps pod readiness independent of leadership: a rolling
// update whose new Pod is a standby still completes. Patches run on one thread and are retried until
// the API server takes them; the newest wish wins.
public final class LeaderPodLabel implements AutoCloseable {
  public static final String LABEL = ApiConstants.LEADER_LABEL;
  private static final Logger LOG = LoggerFactory.getLogger(LeaderPodLabel.class);
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final PodName pod;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "leader-pod-label");
    t.setDaemon(true);
    return t;
  });
  private final AtomicLong wish = new AtomicLong();
  private volatile boolean leading;

  public LeaderPodLabel(KubernetesClient client, PodName pod) {
    this.client = client;
    this.pod = pod;
  }

  /** Makes the label say {@code nowLeading} (a label left from an earlier container is cleared with false). */
  public void set(boolean nowLeading) {
    if (worker.isShutdown()) {
      return; // closed: leadership ending with the operator's stop changes nothing more
    }
    leading = nowLeading;
    long id = wish.incrementAndGet();
    try {
      worker.execute(() -> apply(id, nowLeading));
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  private void apply(long id, boolean value) {
    if (id != wish.get()) {
      return; // a newer wish is queued
    }
    try {
      patch(value);
      LOG.info("leader label set: pod={} leader={}", pod, value);
    } catch (KubernetesClientException e) {
      LOG.warn("leader label not set, retrying: pod={} leader={} code={} error={}", pod, value, e.getCode(), e.getMessage());
      worker.schedule(() -> apply(id, value), RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void patch(boolean value) {
    // A JSON merge patch needs only the patch verb, and null removes the label.
    String labelValue = value ? "\"true\"" : "null";
    // Through an object naming the Pod: by name alone fabric8 would GET it first, a verb the chart does not grant.
    Pod named = new PodBuilder().withNewMetadata().withNamespace(pod.namespace()).withName(pod.name()).endMetadata().build();
    client.pods().inNamespace(pod.namespace()).resource(named)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"" + LABEL + "\":" + labelValue + "}}}");
  }

  /** Stops; a replica still leading takes its label off first, so the Service lets go of it before it stops serving. */
  @Override
  public void close() {
    boolean wasLeading = leading;
    leading = false;
    wish.incrementAndGet(); // pending retries give up
    // On the worker, after any patch in flight, so a late "true" cannot land after this "false".
    Future<?> last = worker.submit(() -> {
      if (wasLeading) {
        try {
          patch(false);
          LOG.info("leader label removed on stop: pod={}", pod);
        } catch (KubernetesClientException e) {
          LOG.warn("leader label not removed on stop: pod={} error={}", pod, e.getMessage());
        }
      }
    });
    try {
      last.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("leader label not removed on stop: pod={} error={}", pod, e.toString());
    } finally {
      worker.shutdownNow();
    }
  }
}
