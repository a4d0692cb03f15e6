package io.rescuefleet.operator.stationapi;

import io.rescuefleet.api.wire.ApiError;
import io.rescuefleet.api.wire.Heartbeat;
import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.StationApi;
import io.rescuefleet.operator.stationapi.AssignmentBoard.Snapshot;
import io.rescuefleet.operator.stationapi.StationAuthenticator.Check;
import io.rescuefleet.operator.stationapi.StationAuthenticator.Verdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import io.vertx.core.net.PemKeyCertOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station API on its own port (see {@link io.rescuefleet.api.wire}): heartbeat, long-polled
 * assignments and report batches, each authenticated with the station's bearer token. Requests
 * pass, in order: leader gate (503), authentication (401), body limit (413), content type (415),
 * JSON and field rules (400), authorisation (403), or 503 for a report on a drive this operator
 * has not reconciled yet since it started.
 */
public final class StationApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(StationApiServer.class);
  private static final String JSON = "application/json";
  private static final int DEFAULT_WAIT_SECONDS = 30;
  private static final String STATION = "station";

  private final Vertx vertx;
  private final StationAuthenticator authenticator;
  private final HeartbeatService heartbeats;
  private final AssignmentBoard board;
  private final ReportIngestor reports;
  private final BooleanSupplier leading;
  private HttpServer server;

  public StationApiServer(Vertx vertx, StationAuthenticator authenticator, HeartbeatService heartbeats,
      AssignmentBoard board, ReportIngestor reports, BooleanSupplier leading) {
    this.vertx = vertx;
    this.authenticator = authenticator;
    this.heartbeats = heartbeats;
    this.board = board;
    this.reports = reports;
    this.leading = leading;
  }

  /** Listens on {@code host:port} (0: a free port), with TLS when a certificate is given; completes with the port. */
  public Future<Integer> start(String host, int port, Optional<PemKeyCertOptions> tls) {
    HttpServerOptions options = new HttpServerOptions().setCompressionSupported(true);
    tls.ifPresent(cert -> options.setSsl(true).setKeyCertOptions(cert));
    server = vertx.createHttpServer(options).requestHandler(router());
    return server.listen(port, host).map(HttpServer::actualPort);
  }

  /**
   * Every endpoint the router serves, as {@code METHOD path} with the {@code :station} parameter, for
   * tests that must cover all of them (authentication) without a hand-kept list.
   */
  public java.util.List<String> endpoints() {
    java.util.List<String> endpoints = new java.util.ArrayList<>();
    for (io.vertx.ext.web.Route route : router().getRoutes()) {
      if (route.methods() != null && !route.methods().isEmpty() && route.getPath() != null) {
        route.methods().forEach(m -> endpoints.add(m.name() + " " + route.getPath()));
      }
    }
    return endpoints.stream().sorted().toList();
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private Router router() {
    Router router = Router.router(vertx);
    String base = StationApi.BASE + "/:" + STATION + "/";
    // Separate routes: Vert.x orders handler kinds within one route (body before user handlers),
    // while authentication must come first here, with the request paused when it reads a Secret.
    router.route(base + "*").handler(this::leaderGate);
    router.route(base + "*").handler(this::authenticate);
    router.route(base + "*").handler(BodyHandler.create(false).setBodyLimit(StationApi.MAX_BODY_BYTES));
    router.post(base + StationApi.HEARTBEAT).handler(this::requireJson).handler(this::heartbeat);
    router.get(base + StationApi.ASSIGNMENTS).handler(this::assignments);
    router.post(base + StationApi.REPORTS).handler(this::requireJson).handler(this::reports);
    router.route().failureHandler(this::failure);
    router.errorHandler(404, ctx -> error(ctx, 404, null, "no such endpoint"));
    router.errorHandler(405, ctx -> error(ctx, 405, null, "method not allowed"));
    return router;
  }

  private void leaderGate(RoutingContext ctx) {
    if (leading.getAsBoolean()) {
      ctx.next();
    } else {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
      error(ctx, 503, null, "this operator replica is not the leader; retry");
    }
  }

  private void authenticate(RoutingContext ctx) {
    String station = ctx.pathParam(STATION);
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    Check check = authenticator.check(station, authorization);
    if (check.verdict() != Verdict.READ_SECRET) {
      admit(ctx, station, check);
      return;
    }
    // Reading the Secret blocks; hold the body until we know who is talking.
    ctx.request().pause();
    vertx.executeBlocking(() -> authenticator.checkAfterRead(station, authorization, check.secret()), false)
        .onComplete(result -> admit(ctx, station, result.succeeded() ? result.result()
            : new Check(Verdict.DENY, null, "token Secret unreadable")));
  }

  private void admit(RoutingContext ctx, String station, Check check) {
    if (check.verdict() == Verdict.ALLOW) {
      ctx.next();
      return;
    }
    LOG.info("station request refused: station={} reason={}", loggable(station), check.reason());
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"rescuefleet\"");
    ctx.fail(ApiException.unauthorized());
  }

  private void requireJson(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String mime = type == null ? "" : type.split(";", 2)[0].trim();
    if (!JSON.equalsIgnoreCase(mime)) {
      ctx.fail(new ApiException(415, null, "Content-Type must be " + JSON + ", got \"" + (type == null ? "" : type) + "\""));
      return;
    }
    ctx.next();
  }

  private void heartbeat(RoutingContext ctx) {
    Heartbeat heartbeat = WireJson.read(body(ctx), Heartbeat.class);
    WireValidator.heartbeat(heartbeat);
    json(ctx, 200, WireJson.write(heartbeats.record(ctx.pathParam(STATION), heartbeat)));
  }

  private void reports(RoutingContext ctx) {
    ReportBatch batch = WireJson.read(body(ctx), ReportBatch.class);
    WireValidator.reportBatch(batch);
    json(ctx, 200, WireJson.write(reports.ingest(ctx.pathParam(STATION), batch)));
  }

  private void assignments(RoutingContext ctx) {
    String station = ctx.pathParam(STATION);
    Long version = longParam(ctx, "version", null, Long.MIN_VALUE, Long.MAX_VALUE);
    long wait = longParam(ctx, "waitSeconds", (long) DEFAULT_WAIT_SECONDS, 0, StationApi.MAX_WAIT_SECONDS);
    if (version == null) {
      json(ctx, 200, board.current(station).json());
      return;
    }
    CompletableFuture<Snapshot> change = board.changedFrom(station, version);
    if (change.isDone()) {
      json(ctx, 200, change.join().json());
      return;
    }
    if (wait == 0) {
      notModified(ctx, version);
      return;
    }
    Context context = vertx.getOrCreateContext();
    long timer = vertx.setTimer(wait * 1000, t -> {
      if (change.cancel(false)) {
        notModified(ctx, version);
      }
    });
    ctx.response().closeHandler(v -> change.cancel(false));
    change.thenAccept(snapshot -> context.runOnContext(v -> {
      vertx.cancelTimer(timer);
      if (!ctx.response().ended() && !ctx.response().closed()) {
        json(ctx, 200, snapshot.json());
      }
    }));
  }

  private static byte[] body(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    return buffer == null ? null : buffer.getBytes();
  }

  private static Long longParam(RoutingContext ctx, String name, Long fallback, long min, long max) {
    String text = ctx.request().getParam(name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text);
      if (value < min || value > max) {
        throw ApiException.badRequest(name, "must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, "must be a whole number, got \"" + abbreviate(text) + "\"");
    }
  }

  private static void notModified(RoutingContext ctx, long version) {
    if (!ctx.response().ended() && !ctx.response().closed()) {
      ctx.response().setStatusCode(304).putHeader("X-Assignments-Version", Long.toString(version)).end();
    }
  }

  private static void json(RoutingContext ctx, int status, byte[] body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(body));
  }

  private void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      if (api.status() == 503) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
      }
      error(ctx, api.status(), api.field(), api.getMessage());
    } else if (ctx.statusCode() == 413) {
      error(ctx, 413, null, "the body is larger than " + StationApi.MAX_BODY_BYTES + " bytes");
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      error(ctx, ctx.statusCode(), null, "request refused");
    } else {
      LOG.warn("station request failed: station={} endpoint={}", loggable(ctx.pathParam(STATION)),
          loggable(ctx.request().path()), failure);
      error(ctx, 500, null, "internal error");
    }
  }

  private static void error(RoutingContext ctx, int status, String field, String message) {
    if (ctx.response().ended()) {
      return;
    }
    json(ctx, status, WireJson.write(new ApiError(message, field == null || field.isEmpty() ? null : field)));
  }

  /** A caller-chosen name as it may appear in logs: no control characters, bounded length. */
  private static String loggable(String value) {
    return value == null ? "-" : abbreviate(value);
  }

  private static String abbreviate(String value) {
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 32 ? printable : printable.substring(0, 29) + "...";
  }
}
