package io.rescuefleet.operator.http;

import io.rescuefleet.operator.fleet.FleetView;
import io.rescuefleet.operator.metrics.OperatorMetrics;
import io.rescuefleet.operator.stationapi.WireJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The operator's own HTTP port: {@code /metrics} (Prometheus), {@code /healthz} (liveness),
 * {@code /readyz} (readiness), {@code /api/v1/fleet} (the live fleet view as JSON, read-only) and
 * the fleet-health page at {@code /} (static files that render that JSON in the browser).
 */
public final class OpsHttpServer {
  public static final String FLEET_PATH = "/api/v1/fleet";
  /** Classpath directory of the fleet-health page. */
  static final String PAGE = "fleet-page";

  private final Vertx vertx;
  private final OperatorMetrics metrics;
  private final FleetView fleet;
  private final BooleanSupplier live;
  private final BooleanSupplier ready;
  private HttpServer server;

  public OpsHttpServer(Vertx vertx, OperatorMetrics metrics, FleetView fleet, BooleanSupplier live, BooleanSupplier ready) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.fleet = fleet;
    this.live = live;
    this.ready = ready;
  }

  public Future<Integer> start(String host, int port) {
    Router router = Router.router(vertx);
    router.get("/metrics").blockingHandler(this::metrics, false);
    router.get("/healthz").handler(ctx -> probe(ctx, live.getAsBoolean()));
    router.get("/readyz").handler(ctx -> probe(ctx, ready.getAsBoolean()));
    router.get(FLEET_PATH).blockingHandler(ctx -> ctx.response().setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(Buffer.buffer(WireJson.write(fleet.snapshot()))), false);
    router.get("/").handler(ctx -> ctx.reroute("/index.html"));
    router.get("/*").handler(StaticHandler.create(PAGE).setCachingEnabled(false).setDirectoryListing(false));
    server = vertx.createHttpServer().requestHandler(router);
    return server.listen(port, host).map(HttpServer::actualPort);
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void metrics(RoutingContext ctx) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      String type = metrics.writeTo(out, ctx.request().getHeader(HttpHeaders.ACCEPT));
      ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, type).end(Buffer.buffer(out.toByteArray()));
    } catch (IOException e) {
      ctx.fail(e);
    }
  }

  private static void probe(RoutingContext ctx, boolean ok) {
    ctx.response().setStatusCode(ok ? 200 : 503).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
        .end(ok ? "ok\n" : "not ready\n");
  }
}
