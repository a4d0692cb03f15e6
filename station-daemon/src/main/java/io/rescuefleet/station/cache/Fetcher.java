package io.rescuefleet.station.cache;

import io.rescuefleet.station.failure.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a URL into a partial file, resuming where an earlier attempt stopped: an HTTP Range request
 * for http(s), an offset for file URLs. A source that sends nothing for the stall timeout (no response,
 * or a body gone silent) is given up on with a message saying so; a slow one that still sends is waited for.
 */
final class Fetcher {
  private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
  private static final int BUFFER = 1 << 20;
  private static final long POLL_MILLIS = 200;

  private final Duration stall;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(30))
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();

  /** @param stall how long a source may send nothing before it counts as stalled */
  Fetcher(Duration stall) {
    this.stall = stall;
  }

  /** Appends the rest of {@code url} to {@code partial}. */
  void fetch(String url, Path partial, Cancellation cancellation, LongConsumer progress) {
    URI uri = URI.create(url);
    try {
      long have = Files.exists(partial) ? Files.size(partial) : 0;
      switch (uri.getScheme()) {
        case "file" -> copyFile(Path.of(uri), partial, have, cancellation, progress);
        case "http", "https" -> download(uri, partial, have, cancellation, progress);
        default -> throw new SourceFailedException(url + ": unsupported URL scheme");
      }
    } catch (NoSuchFileException e) {
      throw new SourceFailedException(url + ": no such file", e);
    } catch (IOException e) {
      throw new SourceFailedException(url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceFailedException(url + ": interrupted", e);
    }
  }

  private void copyFile(Path source, Path partial, long have, Cancellation cancellation, LongConsumer progress)
      throws IOException {
    long size = Files.size(source);
    if (have > size) {
      Files.delete(partial);
      have = 0;
    }
    try (InputStream in = Files.newInputStream(source)) {
      in.skipNBytes(have);
      append(in, partial, cancellation, progress);
    }
  }

  private void download(URI uri, Path partial, long have, Cancellation cancellation, LongConsumer progress)
      throws IOException, InterruptedException {
    // The stall timeout covers the wait for the response too: a source that never answers is stalled.
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(stall).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
    } catch (HttpTimeoutException e) {
      throw new SourceFailedException(uri + ": no response within " + stall.toSeconds() + " s; the source stalled", e);
    }
    int status = response.statusCode();
    if (status == 416 && have > 0) {
      discard(response.body());
      return; // the partial file already holds everything; verification decides whether it is right
    }
    if (status == 200 && have > 0) {
      LOG.info("download restarts url={} reason=server ignored range", uri);
      Files.delete(partial);
      have = 0;
    } else if (status != 200 && status != 206) {
      discard(response.body());
      throw new SourceFailedException(uri + ": HTTP " + status);
    }
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    BodyWriter writer = new BodyWriter(partial, progress);
    response.body().subscribe(writer);
    while (true) {
      try {
        writer.done().get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        if (cancellation.isCancelled()) {
          writer.cancel();
          cancellation.check();
        }
        if (writer.nanosSinceData() > stall.toNanos()) {
          writer.cancel();
          throw new SourceFailedException(uri + ": no data for " + stall.toSeconds() + " s after " + received(have, writer,
              length) + "; the source stalled");
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        throw new SourceFailedException(uri + ": the download broke off after " + received(have, writer, length) + " ("
            + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()) + ")", cause);
      }
    }
  }

  /** "N bytes" or "N of M bytes", counting what an earlier attempt got. */
  private static String received(long have, BodyWriter writer, long length) {
    long got = have + writer.bytes();
    return length >= 0 ? got + " of " + (have + length) + " bytes" : got + " bytes";
  }

  /** Reads no body: drops the connection's rest. */
  private static void discard(Flow.Publisher<List<ByteBuffer>> body) {
    body.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.cancel();
      }

      @Override
      public void onNext(List<ByteBuffer> item) {}

      @Override
      public void onError(Throwable throwable) {}

      @Override
      public void onComplete() {}
    });
  }

  private static void append(InputStream in, Path partial, Cancellation cancellation, LongConsumer progress)
      throws IOException {
    byte[] buffer = new byte[BUFFER];
    try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        cancellation.check();
        out.write(buffer, 0, n);
        progress.accept(n);
      }
    }
  }
}
