package io.rescuefleet.e2e.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One tab driven through its DevTools session: navigate, evaluate JavaScript and read the value
 * back, take a full-page screenshot. Records the page's uncaught exceptions and console errors,
 * so a test can say the page ran cleanly.
 */
public final class BrowserPage {
  private final DevToolsConnection devTools;
  private final String sessionId;
  private final List<String> errors = new CopyOnWriteArrayList<>();

  private BrowserPage(DevToolsConnection devTools, String sessionId) {
    this.devTools = devTools;
    this.sessionId = sessionId;
  }

  static BrowserPage attach(DevToolsConnection devTools, String sessionId, int width, int height) {
    BrowserPage page = new BrowserPage(devTools, sessionId);
    devTools.onEvent(page::event);
    page.call("Page.enable", Map.of());
    page.call("Runtime.enable", Map.of());
    page.call("Log.enable", Map.of());
    page.call("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    return page;
  }

  /** Navigates to {@code url}; returns at once (wait for what the page renders with {@link #evaluate}). */
  public void navigate(String url) {
    JsonNode result = call("Page.navigate", Map.of("url", url));
    if (result.hasNonNull("errorText")) {
      throw new IllegalStateException("cannot load " + url + ": " + result.get("errorText").asText());
    }
  }

  /** Evaluates {@code expression} in the page (awaiting a promise) and returns its value as JSON. */
  public JsonNode evaluate(String expression) {
    JsonNode result = call("Runtime.evaluate",
        Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      JsonNode details = result.get("exceptionDetails");
      throw new IllegalStateException("the page threw evaluating a script: "
          + details.path("exception").path("description").asText(details.path("text").asText()));
    }
    return result.path("result").path("value");
  }

  /** Saves a PNG of the whole page, beyond the viewport, and returns its path. */
  public Path screenshot(Path png) throws IOException {
    JsonNode size = call("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
    Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.path("width").asDouble(),
        "height", size.path("height").asDouble(), "scale", 1);
    JsonNode shot = call("Page.captureScreenshot",
        Map.of("format", "png", "captureBeyondViewport", true, "fromSurface", true, "clip", clip));
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
    return png;
  }

  /** Uncaught exceptions and console errors the page produced so far. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  private JsonNode call(String method, Map<String, ?> params) {
    return devTools.call(sessionId, method, params);
  }

  private void event(JsonNode message) {
    if (!sessionId.equals(message.path("sessionId").asText())) {
      return;
    }
    JsonNode params = message.path("params");
    switch (message.path("method").asText()) {
      case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails").path("exception")
          .path("description").asText(params.path("exceptionDetails").path("text").asText()));
      case "Runtime.consoleAPICalled" -> {
        if ("error".equals(params.path("type").asText())) {
          errors.add("console.error: " + params.path("args").toString());
        }
      }
      case "Log.entryAdded" -> {
        if ("error".equals(params.path("entry").path("level").asText())) {
          errors.add("log: " + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText());
        }
      }
      default -> {
        // other events say nothing about the page's health
      }
    }
  }
}
