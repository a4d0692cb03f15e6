package io.rescuefleet.faults;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rescuefleet.api.wire.ReportAck;
import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.api.wire.StationApi;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A recording proxy between stations and the operator's station API, as a load balancer would sit
 * there: it forwards every request and answer unchanged (502 while the operator is down) and counts
 * every drive report put on the wire, by its identity (station, serial, insertion, sequence), so a
 * drill counts what stations sent without trusting either side's own bookkeeping.
 */
public final class ReportTap implements AutoCloseable {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "content-length",
      "host", "te", "trailer", "upgrade", "proxy-connection");
  private static final long UPSTREAM_TIMEOUT_MS = (StationApi.MAX_WAIT_SECONDS + 30) * 1000L;

  private final HttpClientAgent upstream;
  private final int upstreamPort;
  private final HttpServer server;
  private final Map<String, Sent> reports = new HashMap<>();
  private long transmissions;
  private long batchesAnswered;
  private long upstreamFailures;
  private final Map<Integer, Long> refusals = new HashMap<>();
  /** Armed: the answer to the next applied batch holding a run's outcome is lost. */
  private CompletableFuture<ReportBatch> ackLoss;
  /** After a lost answer, as if the operator had gone down: reports get 502 until {@link #unblock}. */
  private boolean blocked;

  /** What the tap knows of one report: the report, and how often it went out. */
  public static final class Sent {
    private final String station;
    private final DriveReport report;
    private int times;

    private Sent(String station, DriveReport report) {
      this.station = station;
      this.report = report;
    }

    public String station() {
      return station;
    }

    public DriveReport report() {
      return report;
    }

    /** How many times a station put this report on the wire (more than once: resent). */
    public int times() {
      return times;
    }
  }

  /** Counts at one moment: distinct reports sent, their transmissions, and what was refused. */
  public record Counts(long distinctReports, long transmissions, long batchesAnswered, long upstreamFailures,
      Map<Integer, Long> refusals) {
    public long resent() {
      return transmissions - distinctReports;
    }

    /** Batches refused for good (4xx other than 401: the station sets such a batch aside). */
    public long refusedForGood() {
      return refusals.entrySet().stream().filter(e -> e.getKey() >= 400 && e.getKey() < 500 && e.getKey() != 401)
          .mapToLong(Map.Entry::getValue).sum();
    }
  }

  private ReportTap(Vertx vertx, int upstreamPort) {
    this.upstreamPort = upstreamPort;
    this.upstream = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2_000)
        .setIdleTimeout(0));
    this.server = vertx.createHttpServer().requestHandler(this::forward);
  }

  /** Starts a tap on a free loopback port in front of the station API on {@code upstreamPort}. */
  public static ReportTap start(Vertx vertx, int upstreamPort) throws Exception {
    ReportTap tap = new ReportTap(vertx, upstreamPort);
    tap.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return tap;
  }

  /** The URL stations use instead of the operator's. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  public synchronized Counts counts() {
    return new Counts(reports.size(), transmissions, batchesAnswered, upstreamFailures, Map.copyOf(refusals));
  }

  /**
   * Arms an operator crash at the worst moment for idempotency: the next batch holding a run's
   * outcome is forwarded and applied, but its answer never reaches the station, and from then on
   * every report batch gets 502 without reaching the operator, until {@link #unblock}. Completes
   * with the batch whose answer was lost.
   */
  public synchronized CompletableFuture<ReportBatch> loseNextOutcomeAck() {
    ackLoss = new CompletableFuture<>();
    return ackLoss;
  }

  /** Lets report batches through again (the operator is back). */
  public synchronized void unblock() {
    blocked = false;
    ackLoss = null;
  }

  /** Every distinct report sent so far. */
  public synchronized List<Sent> sent() {
    return List.copyOf(reports.values());
  }

  private void forward(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      boolean isReport = request.method().name().equals("POST") && request.path().endsWith("/" + StationApi.REPORTS);
      ReportBatch batch = isReport ? record(stationOf(request.path()), body) : null;
      if (isReport && isBlocked()) {
        unreachable(request);
        return;
      }
      boolean loseAnswer = batch != null && takeAckLoss(batch);
      RequestOptions options = new RequestOptions().setMethod(request.method()).setHost("127.0.0.1").setPort(upstreamPort)
          .setURI(request.uri()).setTimeout(UPSTREAM_TIMEOUT_MS);
      copyHeaders(request.headers(), options.getHeaders() == null ? newHeaders(options) : options.getHeaders());
      upstream.request(options)
          .compose(out -> out.send(body))
          .compose(answer -> answer.body().map(b -> new Answer(answer.statusCode(), answer.headers(), b)))
          .onComplete(ar -> {
            if (ar.failed()) {
              synchronized (this) {
                upstreamFailures++;
              }
              if (loseAnswer) {
                rearm();
              }
              unreachable(request);
              return;
            }
            Answer a = ar.result();
            if (isReport) {
              answered(a);
            }
            if (loseAnswer && a.status() == 200) {
              ackLost(batch);
              request.connection().close();
              return;
            }
            if (loseAnswer) {
              rearm(); // not applied, so nothing to lose: wait for the next outcome
            }
            var response = request.response().setStatusCode(a.status());
            copyHeaders(a.headers(), response.headers());
            response.end(a.body());
          });
    }).onFailure(e -> request.response().setStatusCode(400).end());
  }

  private synchronized ReportBatch record(String station, Buffer body) {
    ReportBatch batch;
    try {
      batch = JSON.readValue(body.getBytes(), ReportBatch.class);
    } catch (Exception e) {
      return null; // not a batch the operator could apply either; its answer is counted as a refusal
    }
    if (batch.reports() == null) {
      return null;
    }
    for (DriveReport r : batch.reports()) {
      transmissions++;
      reports.computeIfAbsent(idOf(station, r), k -> new Sent(station, r)).times++;
    }
    return batch;
  }

  private synchronized boolean isBlocked() {
    return blocked;
  }

  /** Whether this batch's answer is the one to lose; from then on the tap blocks reports. */
  private synchronized boolean takeAckLoss(ReportBatch batch) {
    if (ackLoss == null || ackLoss.isDone() || batch.reports().stream().noneMatch(r -> r.outcome() != null)) {
      return false;
    }
    blocked = true;
    return true;
  }

  private synchronized void rearm() {
    blocked = false;
  }

  private synchronized void ackLost(ReportBatch batch) {
    if (ackLoss != null) {
      ackLoss.complete(batch);
    }
  }

  private static void unreachable(HttpServerRequest request) {
    request.response().setStatusCode(502).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end("{\"message\":\"operator unreachable through the tap\"}");
  }

  private synchronized void answered(Answer a) {
    if (a.status() == 200) {
      try {
        JSON.readValue(a.body().getBytes(), ReportAck.class);
        batchesAnswered++;
      } catch (Exception e) {
        refusals.merge(-1, 1L, Long::sum);
      }
    } else {
      refusals.merge(a.status(), 1L, Long::sum);
    }
  }

  /** A report's identity: the station's sequence is unique per stick insertion. */
  static String idOf(String station, DriveReport r) {
    return station + "|" + r.serial() + "|" + r.insertionId() + "|" + r.sequence();
  }

  private static String stationOf(String path) {
    String rest = path.substring(Math.min(path.length(), StationApi.BASE.length() + 1));
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static MultiMap newHeaders(RequestOptions options) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    options.setHeaders(headers);
    return headers;
  }

  private static void copyHeaders(MultiMap from, MultiMap to) {
    from.forEach((name, value) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        to.add(name, value);
      }
    });
  }

  private record Answer(int status, MultiMap headers, Buffer body) {}

  @Override
  public void close() throws Exception {
    Future.all(server.close(), upstream.close()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
