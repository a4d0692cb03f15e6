package io.rescuefleet.operator.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rescuefleet.api.wire.ApiError;
import io.rescuefleet.api.wire.Assignments;
import io.rescuefleet.api.wire.Heartbeat;
import io.rescuefleet.api.wire.HeartbeatAck;
import io.rescuefleet.api.wire.ReportAck;
import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.StationApi;
import io.rescuefleet.operator.stationapi.WireJson;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** A real HTTP client of the station API (Vert.x WebClient), as a station daemon would talk to the operator. */
public final class StationClient implements AutoCloseable {
  private static final ObjectMapper JSON = WireJson.MAPPER;

  private final Vertx vertx;
  private final WebClient http;
  private final String station;
  private final String token;

  public StationClient(int port, String station, String token) {
    this(port, station, token, new WebClientOptions());
  }

  public StationClient(int port, String station, String token, WebClientOptions options) {
    this.vertx = Vertx.vertx();
    this.http = WebClient.create(vertx, options.setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.station = station;
    this.token = token;
  }

  /** One HTTP exchange: status, raw body and parsed error (for 4xx/5xx). */
  public record Reply(int status, String body, ApiError error) {
    public <T> T as(Class<T> type) {
      try {
        return JSON.readValue(body, type);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + type.getSimpleName() + " from " + body, e);
      }
    }
  }

  public Reply heartbeat(Heartbeat heartbeat) {
    return post(StationApi.HEARTBEAT, WireJson.write(heartbeat), "application/json");
  }

  public HeartbeatAck heartbeatOk(Heartbeat heartbeat) {
    Reply r = heartbeat(heartbeat);
    require(r, 200);
    return r.as(HeartbeatAck.class);
  }

  public Reply reports(ReportBatch batch) {
    return post(StationApi.REPORTS, WireJson.write(batch), "application/json");
  }

  public ReportAck reportsOk(ReportBatch batch) {
    Reply r = reports(batch);
    require(r, 200);
    return r.as(ReportAck.class);
  }

  public Reply assignments(Long version, Integer waitSeconds) {
    StringBuilder path = new StringBuilder(StationApi.path(station, StationApi.ASSIGNMENTS));
    String sep = "?";
    if (version != null) {
      path.append(sep).append("version=").append(version);
      sep = "&";
    }
    if (waitSeconds != null) {
      path.append(sep).append("waitSeconds=").append(waitSeconds);
    }
    return send(http.get(path.toString()), null, null);
  }

  public Assignments assignmentsOk() {
    Reply r = assignments(null, null);
    require(r, 200);
    return r.as(Assignments.class);
  }

  /** A POST with any body and content type, for malformed-input tests. */
  public Reply post(String endpoint, byte[] body, String contentType) {
    return send(http.post(StationApi.path(station, endpoint)), body, contentType);
  }

  /** Like {@link #post} but with another Authorization header (or none when null). */
  public Reply postAs(String authorization, String endpoint, byte[] body) {
    HttpRequest<Buffer> request = http.post(StationApi.path(station, endpoint)).putHeader("Content-Type", "application/json");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return await(request.sendBuffer(Buffer.buffer(body)).toCompletionStage().toCompletableFuture());
  }

  private Reply send(HttpRequest<Buffer> request, byte[] body, String contentType) {
    request.putHeader("Authorization", "Bearer " + token);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    var future = body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
    return await(future.toCompletionStage().toCompletableFuture());
  }

  private static Reply await(java.util.concurrent.CompletableFuture<HttpResponse<Buffer>> future) {
    try {
      HttpResponse<Buffer> response = future.get(90, TimeUnit.SECONDS);
      String body = response.body() == null ? "" : response.bodyAsString();
      ApiError error = null;
      if (response.statusCode() >= 400 && !body.isEmpty()) {
        error = JSON.readValue(body, ApiError.class);
      }
      return new Reply(response.statusCode(), body, error);
    } catch (Exception e) {
      throw new IllegalStateException("station API call failed", e);
    }
  }

  private static void require(Reply reply, int status) {
    if (reply.status() != status) {
      throw new AssertionError("expected HTTP " + status + ", got " + reply.status() + ": " + reply.body());
    }
  }

  @Override
  public void close() {
    http.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
