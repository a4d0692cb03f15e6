package io.rescuefleet.faults.hostile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO mirror on loopback (the JDK's HTTP server) whose every file can misbehave in its own way:
 * serve the right bytes (with Range requests, for resuming), wrong bytes, 404, a body cut short (with
 * or without a Content-Length), a trickle, or a stall. Each request gets its own thread, so a slow
 * file never holds up another.
 */
public final class HostileSource implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  /** How a file is served. {@code at}: where a cut or stall happens; {@code bytesPerSecond}: a trickle's speed. */
  public record Behaviour(Mode mode, long at, long bytesPerSecond) {
    public static Behaviour ok() {
      return new Behaviour(Mode.OK, 0, 0);
    }
  }

  /** The ways to serve. */
  public enum Mode { OK, WRONG_BYTES, NOT_FOUND, CUT_SHORT, CUT_SHORT_CHUNKED, TRICKLE, STALL }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "hostile-source");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
  private volatile boolean closing;

  public HostileSource() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the source", e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::serve);
    server.start();
  }

  /** Serves {@code content} at {@code /name}, well behaved until told otherwise; returns its URL. */
  public String put(String name, byte[] content) {
    files.put(name, content);
    behaviours.put(name, Behaviour.ok());
    sent.put(name, new AtomicLong());
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  public void behave(String name, Behaviour behaviour) {
    behaviours.put(name, behaviour);
  }

  /** Body bytes sent for {@code name} so far, over all requests. */
  public long sent(String name) {
    return sent.get(name).get();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String name = exchange.getRequestURI().getPath().substring(1);
      byte[] content = files.get(name);
      Behaviour b = behaviours.getOrDefault(name, Behaviour.ok());
      if (content == null || b.mode() == Mode.NOT_FOUND) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      long from = 0;
      String range = exchange.getRequestHeaders().getFirst("Range");
      Matcher m = range == null ? null : RANGE.matcher(range);
      if (m != null && m.matches() && b.mode() == Mode.OK) {
        from = Long.parseLong(m.group(1));
        if (from >= content.length) {
          exchange.sendResponseHeaders(416, -1);
          return;
        }
        exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
      }
      byte[] body = content;
      if (b.mode() == Mode.WRONG_BYTES) {
        body = content.clone();
        body[(int) Math.min(b.at(), body.length - 1)] ^= 0x5a; // same size, other content
      }
      int status = from > 0 ? 206 : 200;
      long length = content.length - from;
      exchange.sendResponseHeaders(status, b.mode() == Mode.CUT_SHORT_CHUNKED ? 0 : length);
      OutputStream out = exchange.getResponseBody();
      AtomicLong counter = sent.get(name);
      long end = switch (b.mode()) {
        case CUT_SHORT, CUT_SHORT_CHUNKED, STALL -> Math.min(b.at(), content.length);
        default -> content.length;
      };
      int chunk = b.mode() == Mode.TRICKLE ? (int) Math.max(1024, b.bytesPerSecond() / 20) : 1 << 16;
      for (long at = from; at < end && !closing; at += chunk) {
        int n = (int) Math.min(chunk, end - at);
        out.write(body, (int) at, n);
        out.flush();
        counter.addAndGet(n);
        if (b.mode() == Mode.TRICKLE) {
          sleep(n * 1000L / b.bytesPerSecond());
        }
      }
      if (b.mode() == Mode.STALL) {
        while (!closing) {
          sleep(100); // the connection stays open and silent
        }
      }
      if (b.mode() == Mode.CUT_SHORT) {
        // Ends the exchange mid-body: the client sees fewer bytes than the Content-Length promised.
        throw new IOException("cut short on purpose");
      }
      out.close();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing = true;
    server.stop(0);
    threads.shutdownNow();
  }
}
