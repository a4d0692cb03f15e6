package io.rescuefleet.station.connected;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rescuefleet.api.wire.Assignments;
import io.rescuefleet.api.wire.Heartbeat;
import io.rescuefleet.api.wire.HeartbeatAck;
import io.rescuefleet.api.wire.ReportAck;
import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.StationApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The station's side of the station API over HTTP(S), with the station's bearer token. Calls block
 * the calling (daemon) thread; failures become {@link OperatorCallException}s that say whether a
 * retry can help.
 */
public final class OperatorClient implements AutoCloseable {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  private static final int CALL_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final WebClient client;
  private final URI base;
  private final String station;
  private final Supplier<String> token;

  public OperatorClient(Vertx vertx, URI operatorUrl, String station, Supplier<String> token, Path caFile) {
    this.vertx = vertx == null ? Vertx.vertx() : vertx;
    this.ownsVertx = vertx == null;
    WebClientOptions options = new WebClientOptions()
        .setUserAgent("rescue-station")
        .setConnectTimeout(5_000)
        .setKeepAlive(true);
    if ("https".equals(operatorUrl.getScheme())) {
      options.setSsl(true);
      if (caFile != null) {
        options.setTrustOptions(new PemTrustOptions().addCertPath(caFile.toString()));
      }
    }
    this.client = WebClient.create(this.vertx, options);
    this.base = operatorUrl;
    this.station = station;
    this.token = token;
  }

  public HeartbeatAck heartbeat(Heartbeat heartbeat) {
    HttpResponse<Buffer> response = await(post(StationApi.HEARTBEAT).sendBuffer(body(heartbeat)), CALL_TIMEOUT_SECONDS);
    expect(response, 200, "heartbeat");
    return read(response, HeartbeatAck.class);
  }

  /** Long-polls for assignments newer than {@code version}; empty when nothing changed within {@code waitSeconds}. */
  public Optional<Assignments> assignments(long version, int waitSeconds) {
    HttpRequest<Buffer> request = client.getAbs(url(StationApi.ASSIGNMENTS))
        .addQueryParam("version", Long.toString(version))
        .addQueryParam("waitSeconds", Integer.toString(waitSeconds))
        .putHeader("Authorization", authorization())
        .timeout(TimeUnit.SECONDS.toMillis(waitSeconds + CALL_TIMEOUT_SECONDS));
    HttpResponse<Buffer> response = await(request.send(), waitSeconds + CALL_TIMEOUT_SECONDS);
    if (response.statusCode() == 304) {
      return Optional.empty();
    }
    expect(response, 200, "assignments");
    return Optional.of(read(response, Assignments.class));
  }

  public ReportAck report(ReportBatch batch) {
    HttpResponse<Buffer> response = await(post(StationApi.REPORTS).sendBuffer(body(batch)), CALL_TIMEOUT_SECONDS);
    expect(response, 200, "reports");
    return read(response, ReportAck.class);
  }

  private HttpRequest<Buffer> post(String endpoint) {
    return client.postAbs(url(endpoint))
        .putHeader("Authorization", authorization())
        .putHeader("Content-Type", "application/json")
        .timeout(TimeUnit.SECONDS.toMillis(CALL_TIMEOUT_SECONDS));
  }

  /** Read per request: a rotated token takes effect at the next call. */
  private String authorization() {
    return "Bearer " + token.get();
  }

  private String url(String endpoint) {
    String root = base.toString().replaceAll("/+$", "");
    return root + StationApi.path(station, endpoint);
  }

  private static Buffer body(Object value) {
    try {
      return Buffer.buffer(JSON.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  private static <T> T read(HttpResponse<Buffer> response, Class<T> type) {
    try {
      return JSON.readValue(response.body().getBytes(), type);
    } catch (Exception e) {
      throw new OperatorCallException("operator sent an unreadable " + type.getSimpleName() + ": " + e.getMessage(), true);
    }
  }

  private static void expect(HttpResponse<Buffer> response, int status, String what) {
    int code = response.statusCode();
    if (code == status) {
      return;
    }
    String detail = response.body() == null ? "" : ": " + abbreviate(response.bodyAsString());
    // 5xx and 429 are the operator's passing trouble; 4xx say this request will never be accepted.
    boolean retryable = code >= 500 || code == 429;
    throw new OperatorCallException(what + " answered HTTP " + code + detail, retryable, code);
  }

  private static <T> T await(Future<T> future, int seconds) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorCallException("interrupted", true);
    } catch (ExecutionException e) {
      throw new OperatorCallException("operator unreachable: " + e.getCause().getMessage(), true);
    } catch (TimeoutException e) {
      throw new OperatorCallException("operator did not answer within " + seconds + " s", true);
    }
  }

  private static String abbreviate(String s) {
    String oneLine = s.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 197) + "...";
  }

  @Override
  public void close() {
    client.close();
    if (ownsVertx) {
      vertx.close();
    }
  }
}
