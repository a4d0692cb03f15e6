package io.rescuefleet.station.cache;

import io.rescuefleet.station.failure.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a URL into a partial file, resuming where an earlier attempt stopped: an HTTP Range request
 * for http(s), an offset for file URLs.
 */
final class Fetcher {
  private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
  private static final int BUFFER = 1 << 20;

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(30))
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();

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
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 416 && have > 0) {
        return; // the partial file already holds everything; verification decides whether it is right
      }
      if (status == 200 && have > 0) {
        LOG.info("download restarts url={} reason=server ignored range", uri);
        Files.delete(partial);
      } else if (status != 200 && status != 206) {
        throw new SourceFailedException(uri + ": HTTP " + status);
      }
      append(body, partial, cancellation, progress);
    }
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
