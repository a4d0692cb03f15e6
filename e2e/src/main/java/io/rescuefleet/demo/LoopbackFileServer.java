package io.rescuefleet.demo;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Serves a directory over HTTP on 127.0.0.1 (with Range support, so downloads can resume). */
public final class LoopbackFileServer implements AutoCloseable {
  private final HttpServer server;

  public LoopbackFileServer(Vertx vertx, Path root) throws Exception {
    Router router = Router.router(vertx);
    router.route("/files/*").handler(StaticHandler.create(FileSystemAccess.ROOT, root.toAbsolutePath().toString())
        .setCachingEnabled(false)
        .setDirectoryListing(false)
        .setEnableRangeSupport(true));
    this.server = vertx.createHttpServer().requestHandler(router)
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  public int port() {
    return server.actualPort();
  }

  /** URL of {@code file}, a name relative to the served directory. */
  public String url(String file) {
    return "http://127.0.0.1:" + port() + "/files/" + file;
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
