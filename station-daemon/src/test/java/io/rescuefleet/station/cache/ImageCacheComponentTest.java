package io.rescuefleet.station.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedSignature;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testkit.TestImages;
import io.rescuefleet.station.verify.Digests;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image cache against a real HTTP server: resumed downloads, hash and size checks, GPG signatures. */
class ImageCacheComponentTest {
  private static final ProcessRunner RUNNER = new ProcessRunner();

  @TempDir
  Path dir;
  private HttpServer server;
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private final AtomicBoolean dropFirstTransfer = new AtomicBoolean();
  /** When at least 0: the bytes a transfer sends before it goes silent (until the test ends). */
  private final java.util.concurrent.atomic.AtomicLong stallAt = new java.util.concurrent.atomic.AtomicLong(-1);
  /** When positive: a transfer sends 256 KiB pieces this many milliseconds apart. */
  private final java.util.concurrent.atomic.AtomicLong trickleMillis = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
  private TestImages.Image image;

  @BeforeAll
  static void tools() {
    Machine.requireRootAndTools(List.of("gpg", "gpgv"));
  }

  @BeforeEach
  void serve() throws IOException {
    image = TestImages.write(dir.resolve("www/rescue.iso"), 3 << 20, 99);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    ended.countDown();
    server.stop(0);
  }

  /** Serves files under www/, honouring Range; can drop the connection half way through a first transfer. */
  private void handle(HttpExchange exchange) throws IOException {
    Path file = dir.resolve("www").resolve(exchange.getRequestURI().getPath().substring(1));
    if (!Files.isRegularFile(file)) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    byte[] body = Files.readAllBytes(file);
    String range = exchange.getRequestHeaders().getFirst("Range");
    int from = 0;
    if (range != null) {
      ranges.add(range);
      from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
      exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
      exchange.sendResponseHeaders(206, body.length - from);
    } else {
      exchange.sendResponseHeaders(200, body.length);
    }
    try (OutputStream out = exchange.getResponseBody()) {
      if (from == 0 && dropFirstTransfer.compareAndSet(true, false)) {
        out.write(body, 0, body.length / 2);
        out.flush();
        exchange.getHttpContext().getServer().stop(0); // the connection dies half way
        return;
      }
      if (stallAt.get() >= 0) {
        out.write(body, from, (int) stallAt.get());
        out.flush();
        try {
          ended.await(); // silent, the connection open
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      for (int at = from; trickleMillis.get() > 0 && at < body.length; at += 256 << 10) {
        out.write(body, at, Math.min(256 << 10, body.length - at));
        out.flush();
        sleep(trickleMillis.get());
      }
      if (trickleMillis.get() > 0) {
        return;
      }
      out.write(body, from, body.length - from);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  @Test
  void anInterruptedDownloadResumesWhereItStopped() throws IOException {
    ImageCache cache = new ImageCache(dir.resolve("cache"), RUNNER);
    dropFirstTransfer.set(true);
    int port = server.getAddress().getPort();
    String url = url("rescue.iso");
    assertThatThrownBy(() -> cache.ensure("rescue", url, image.sha256(), image.size(), null, Cancellation.none(), n -> { }))
        .isInstanceOf(SourceFailedException.class).hasMessageContaining(url)
        .hasMessageContaining("the download broke off after").hasMessageContaining(" of " + image.size() + " bytes");
    long partial = Files.size(dir.resolve("cache/partial/" + image.sha256() + ".part"));
    assertThat(partial).isPositive().isLessThan(image.size());

    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", this::handle);
    server.start();
    CachedImage cached = cache.ensure("rescue", url, image.sha256(), image.size(), null, Cancellation.none(), n -> { });
    assertThat(ranges).containsExactly("bytes=" + partial + "-");
    assertThat(Digests.sha256(Files.readAllBytes(cached.file()))).isEqualTo(image.sha256());
    assertThat(cached.chunks()).hasSize(1);
    assertThat(cache.lookup(image.sha256())).isPresent();
  }

  @Test
  void aSourceThatGoesSilentIsGivenUpOnAsStalledNotWaitedForForever() {
    ImageCache cache = new ImageCache(dir.resolve("cache"), RUNNER, java.time.Duration.ofSeconds(1));
    stallAt.set(1 << 20);
    long started = System.nanoTime();
    assertThatThrownBy(() -> cache.ensure("rescue", url("rescue.iso"), image.sha256(), image.size(), null,
        Cancellation.none(), n -> { }))
        .isInstanceOf(SourceFailedException.class)
        .hasMessage("rescue: " + url("rescue.iso") + ": no data for 1 s after 1048576 of " + image.size()
            + " bytes; the source stalled");
    assertThat((System.nanoTime() - started) / 1e9).isLessThan(15);
    assertThat(cache.lookup(image.sha256())).isEmpty();
  }

  @Test
  void aSlowSourceThatKeepsSendingIsWaitedFor() throws IOException {
    ImageCache cache = new ImageCache(dir.resolve("cache"), RUNNER, java.time.Duration.ofSeconds(1));
    trickleMillis.set(400); // 12 pieces, 0.4 s apart: slower than the stall timeout in all, never silent that long
    CachedImage cached = cache.ensure("rescue", url("rescue.iso"), image.sha256(), image.size(), null,
        Cancellation.none(), n -> { });
    assertThat(Digests.sha256(Files.readAllBytes(cached.file()))).isEqualTo(image.sha256());
  }

  @Test
  void aWrongHashOrSizeNeverEntersTheCache() {
    ImageCache cache = new ImageCache(dir.resolve("cache"), RUNNER);
    String wrong = "0".repeat(64);
    assertThatThrownBy(() -> cache.ensure("rescue", url("rescue.iso"), wrong, null, null, Cancellation.none(), n -> { }))
        .hasMessage("rescue: " + url("rescue.iso") + " has SHA-256 " + image.sha256() + ", the catalog says " + wrong);
    assertThat(cache.lookup(wrong)).isEmpty();
    assertThatThrownBy(() -> cache.ensure("rescue", url("rescue.iso"), image.sha256(), 5L, null, Cancellation.none(), n -> { }))
        .hasMessageContaining("has " + image.size() + " bytes, the catalog says 5");
    assertThatThrownBy(() -> cache.ensure("gone", url("gone.iso"), wrong, null, null, Cancellation.none(), n -> { }))
        .hasMessage("gone: " + url("gone.iso") + ": HTTP 404");
  }

  @Test
  void aDetachedSignatureIsCheckedAgainstTheGivenKeyOnly() throws IOException {
    Path home = dir.resolve("gnupg");
    Files.createDirectories(home);
    Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    String gpgHome = home.toString();
    RUNNER.run(Command.of("gpg", "--batch", "--homedir", gpgHome, "--passphrase", "", "--quick-gen-key",
        "RescueFleet Test <test@rescuefleet.io>", "ed25519", "sign", "never"));
    String key = RUNNER.run(Command.of("gpg", "--batch", "--homedir", gpgHome, "--armor", "--export")).stdout();
    RUNNER.run(Command.of("gpg", "--batch", "--homedir", gpgHome, "--armor", "--detach-sign", "--output",
        dir.resolve("www/rescue.iso.asc").toString(), image.file().toString()));
    Files.writeString(dir.resolve("www/other.txt"), "something else");
    RUNNER.run(Command.of("gpg", "--batch", "--homedir", gpgHome, "--armor", "--detach-sign", "--output",
        dir.resolve("www/other.txt.asc").toString(), dir.resolve("www/other.txt").toString()));

    ImageCache cache = new ImageCache(dir.resolve("cache"), RUNNER);
    ResolvedSignature wrongSignature = new ResolvedSignature(url("other.txt.asc"), key);
    assertThatThrownBy(() -> cache.ensure("rescue", url("rescue.iso"), image.sha256(), null, wrongSignature,
        Cancellation.none(), n -> { }))
        .isInstanceOf(SourceFailedException.class)
        .hasMessageContaining("rescue (" + url("other.txt.asc") + "): GPG signature does not verify with the given key");
    assertThat(cache.lookup(image.sha256())).isEmpty();

    CachedImage ok = cache.ensure("rescue", url("rescue.iso"), image.sha256(), null,
        new ResolvedSignature(url("rescue.iso.asc"), key), Cancellation.none(), n -> { });
    assertThat(ok.size()).isEqualTo(image.size());
  }

  @Test
  void fileUrlsAreCopiedInAndAChangedObjectIsNoLongerTrusted() throws IOException {
    ImageCache cache = new ImageCache(dir.resolve("cache"), RUNNER);
    CachedImage cached = cache.ensure("local", image.url(), image.sha256(), image.size(), null, Cancellation.none(), n -> { });
    assertThat(cache.inventory(List.of(image.sha256(), "f".repeat(64)))).containsOnlyKeys(image.sha256());
    Files.write(cached.file(), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
    assertThat(cache.lookup(image.sha256())).as("the sidecar no longer vouches for it").isEmpty();
  }
}
