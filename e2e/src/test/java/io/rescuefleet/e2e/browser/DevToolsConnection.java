package io.rescuefleet.e2e.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One WebSocket to Chromium's DevTools endpoint, speaking its JSON-RPC: commands get an id and
 * wait for the answer with that id; events (messages without an id) go to the listeners. Sessions
 * of attached pages share the socket ("flatten" mode) and are told apart by their sessionId.
 */
public final class DevToolsConnection implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
  private volatile Throwable broken;

  private DevToolsConnection(URI endpoint) {
    try {
      socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
          .buildAsync(endpoint, new Receiver()).get(15, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot open the DevTools WebSocket " + endpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to " + endpoint, e);
    }
  }

  static DevToolsConnection open(URI endpoint) {
    return new DevToolsConnection(endpoint);
  }

  /** Runs a command (in a page's session when {@code sessionId} is not null) and returns its result. */
  public JsonNode call(String sessionId, String method, Map<String, ?> params) {
    long id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      if (broken != null) {
        throw new IllegalStateException("the DevTools connection is closed", broken);
      }
      synchronized (socket) {
        // One frame at a time: the JDK's WebSocket refuses a send while another is in flight.
        socket.sendText(JSON.writeValueAsString(message), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      JsonNode reply = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new DevToolsException(method, reply.get("error").path("message").asText(reply.get("error").toString()));
      }
      return reply.path("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new DevToolsException(method, "no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevToolsException(method, "interrupted");
    } finally {
      pending.remove(id);
    }
  }

  /** Registers a listener for every event (method, params, sessionId). */
  public void onEvent(Consumer<JsonNode> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      socket.abort();
    }
  }

  /** A command Chromium answered with an error, or did not answer. */
  public static final class DevToolsException extends RuntimeException {
    DevToolsException(String method, String message) {
      super("DevTools " + method + ": " + message);
    }
  }

  /** Reassembles fragmented text frames and routes each message to its caller or to the listeners. */
  private final class Receiver implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        dispatch(text);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      fail(new IllegalStateException("Chromium closed the DevTools socket: " + statusCode + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      fail(error);
    }

    private void dispatch(String text) {
      JsonNode message;
      try {
        message = JSON.readTree(text);
      } catch (IOException e) {
        return;
      }
      if (message.has("id")) {
        CompletableFuture<JsonNode> waiting = pending.get(message.get("id").asLong());
        if (waiting != null) {
          waiting.complete(message);
        }
      } else {
        listeners.forEach(l -> l.accept(message));
      }
    }

    private void fail(Throwable error) {
      broken = error;
      pending.values().forEach(p -> p.completeExceptionally(error));
    }
  }
}
