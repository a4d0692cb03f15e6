package io.rescuefleet.faults;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the files of a directory on loopback at a set rate, as a distant mirror would, so a
 * station's download of an image takes as long as a drill needs (and reports progress all along).
 * Honours {@code Range: bytes=N-}, so a download cut by a killed daemon resumes where it stopped.
 */
public final class TrickleFileServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("^bytes=(\\d+)-$");
  private static final long TICK_MS = 100;

  private final Vertx vertx;
  private final Path root;
  private final HttpServer server;
  private volatile long bytesPerSecond = 1 << 20;

  private TrickleFileServer(Vertx vertx, Path root) {
    this.vertx = vertx;
    this.root = root;
    this.server = vertx.createHttpServer().requestHandler(this::serve);
  }

  public static TrickleFileServer start(Vertx vertx, Path root) throws Exception {
    TrickleFileServer s = new TrickleFileServer(vertx, root);
    s.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return s;
  }

  /** The rate of every download from now on, in bytes per second. */
  public void rate(long perSecond) {
    bytesPerSecond = Math.max(1024, perSecond);
  }

  public String url(String file) {
    return "http://127.0.0.1:" + server.actualPort() + "/files/" + file;
  }

  private void serve(HttpServerRequest request) {
    String name = request.path().startsWith("/files/") ? request.path().substring("/files/".length()) : "";
    Path file = root.resolve(name).normalize();
    if (name.isEmpty() || name.contains("/") || !file.startsWith(root) || !Files.isRegularFile(file)) {
      request.response().setStatusCode(404).end();
      return;
    }
    vertx.fileSystem().readFile(file.toString()).onSuccess(content -> {
      long from = 0;
      String range = request.getHeader("Range");
      if (range != null) {
        Matcher m = RANGE.matcher(range.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) >= content.length()) {
          request.response().setStatusCode(416).putHeader("Content-Range", "bytes */" + content.length()).end();
          return;
        }
        from = Long.parseLong(m.group(1));
      }
      HttpServerResponse response = request.response()
          .setStatusCode(from > 0 ? 206 : 200)
          .putHeader("Content-Type", "application/octet-stream")
          .putHeader("Accept-Ranges", "bytes")
          .putHeader("Content-Length", Long.toString(content.length() - from));
      if (from > 0) {
        response.putHeader("Content-Range", "bytes " + from + "-" + (content.length() - 1) + "/" + content.length());
      }
      trickle(response, content, (int) from);
    }).onFailure(e -> request.response().setStatusCode(500).end());
  }

  private void trickle(HttpServerResponse response, Buffer content, int from) {
    int[] at = {from};
    long timer = vertx.setPeriodic(TICK_MS, id -> {
      if (response.closed() || response.ended()) {
        vertx.cancelTimer(id);
        return;
      }
      if (response.writeQueueFull()) {
        return;
      }
      int chunk = (int) Math.max(1, bytesPerSecond * TICK_MS / 1000);
      int end = Math.min(content.length(), at[0] + chunk);
      response.write(content.getBuffer(at[0], end));
      at[0] = end;
      if (end >= content.length()) {
        vertx.cancelTimer(id);
        response.end();
      }
    });
    response.closeHandler(v -> vertx.cancelTimer(timer));
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
