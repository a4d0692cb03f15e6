package io.rescuefleet.station.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** The on-stick bad-data corpus under src/test/resources/bad-input/on-stick (see its README). */
public final class OnStickCases {
  public static final Path DIR = Path.of("src/test/resources/bad-input/on-stick");

  /** One case: which file, the status expected, whether it runs on a live stick, and the bytes. */
  public record Case(String name, boolean manifest, String expect, boolean live, byte[] content) {
    @Override
    public String toString() {
      return name;
    }
  }

  private OnStickCases() {}

  public static List<Case> all() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().map(OnStickCases::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Case> live() {
    return all().stream().filter(Case::live).toList();
  }

  private static Case read(Path file) {
    try {
      byte[] all = Files.readAllBytes(file);
      String[] header = new String[3];
      int at = 0;
      for (int i = 0; i < 3; i++) {
        int nl = at;
        while (all[nl] != '\n') {
          nl++;
        }
        header[i] = new String(all, at, nl - at, StandardCharsets.UTF_8);
        at = nl + 1;
      }
      String target = value(header[0], "# file: ");
      String expect = value(header[1], "# expect: ");
      boolean live = value(header[2], "# live: ").equals("yes");
      byte[] content = Arrays.copyOfRange(all, at, all.length);
      String text = new String(content, StandardCharsets.ISO_8859_1);
      if (text.startsWith("GENERATE ")) {
        String[] g = text.trim().split(" ");
        content = generate(g[1], Integer.parseInt(g[2]));
      }
      String name = file.getFileName().toString().replace(".txt", "");
      return new Case(name, target.equals("manifest"), expect, live, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String value(String line, String prefix) {
    if (!line.startsWith(prefix)) {
      throw new IllegalArgumentException("expected '" + prefix + "...', got '" + line + "'");
    }
    return line.substring(prefix.length()).trim();
  }

  private static byte[] generate(String kind, int n) {
    Random random = new Random(n);
    return switch (kind) {
      case "random" -> {
        byte[] b = new byte[n];
        random.nextBytes(b);
        yield b;
      }
      case "random-escapes" -> {
        StringBuilder sb = new StringBuilder();
        String[] parts = {"\u001b[2J", "\u001b]0;owned\u0007", "\u0000", "{\"control\":", "\u001b[31m", "garbage", "\n"};
        while (sb.length() < n) {
          sb.append(parts[random.nextInt(parts.length)]);
        }
        yield sb.toString().getBytes(StandardCharsets.UTF_8);
      }
      case "nesting" -> ("[".repeat(n) + "]".repeat(n)).getBytes(StandardCharsets.UTF_8);
      case "huge" -> padded("{\"schemaVersion\":1,\"pad\":\"", "\"}", n);
      case "huge-ventoy" -> padded("{\"control\":[],\"pad\":\"", "\"}", n);
      default -> throw new IllegalArgumentException("unknown generator " + kind);
    };
  }

  private static byte[] padded(String head, String tail, int n) {
    return (head + "x".repeat(n - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
  }
}
