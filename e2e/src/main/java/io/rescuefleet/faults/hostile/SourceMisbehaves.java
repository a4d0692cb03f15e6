package io.rescuefleet.faults.hostile;

import io.rescuefleet.faults.lab.DriveSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The ISO source of a new catalog entry misbehaves (wrong bytes, 404, a body cut short with or without a
 * Content-Length, a trickle, a stall) while the stick is otherwise up to date; once the source behaves
 * again, the next insertion must converge. {@code behaviour} picks the misbehaviour from the entry's size.
 */
final class SourceMisbehaves implements HostileCase {
  private final String kind;
  private final Expected expected;
  private final Function<Long, HostileSource.Behaviour> behaviour;

  private SourceMisbehaves(String kind, Expected expected, Function<Long, HostileSource.Behaviour> behaviour) {
    this.kind = kind;
    this.expected = expected;
    this.behaviour = behaviour;
  }

  static SourceMisbehaves wrongBytes(Random r) {
    return new SourceMisbehaves("hostile/source-wrong-bytes", new Expected(4, "SourceFailed", List.of("SHA-256"), true),
        size -> new HostileSource.Behaviour(HostileSource.Mode.WRONG_BYTES, (long) (r.nextDouble() * size), 0));
  }

  static SourceMisbehaves notFound(Random r) {
    return new SourceMisbehaves("hostile/source-404", new Expected(4, "SourceFailed", List.of("HTTP 404"), true),
        size -> new HostileSource.Behaviour(HostileSource.Mode.NOT_FOUND, 0, 0));
  }

  static SourceMisbehaves cutShort(Random r) {
    return new SourceMisbehaves("hostile/source-truncated", new Expected(4, "SourceFailed", List.of("-b.iso", "bytes"), true),
        size -> new HostileSource.Behaviour(HostileSource.Mode.CUT_SHORT, 1 + (long) (r.nextDouble() * (size - 2)), 0));
  }

  static SourceMisbehaves cutShortChunked(Random r) {
    return new SourceMisbehaves("hostile/source-truncated-chunked",
        new Expected(4, "SourceFailed", List.of("bytes, the catalog says"), true),
        size -> new HostileSource.Behaviour(HostileSource.Mode.CUT_SHORT_CHUNKED, 1 + (long) (r.nextDouble() * (size - 2)), 0));
  }

  static SourceMisbehaves trickle(Random r) {
    return new SourceMisbehaves("hostile/source-trickles", Expected.success(),
        size -> new HostileSource.Behaviour(HostileSource.Mode.TRICKLE, 0, (1 << 20) + r.nextInt(2 << 20)));
  }

  static SourceMisbehaves stall(Random r) {
    return new SourceMisbehaves("hostile/source-stalls", new Expected(4, "SourceFailed", List.of("no data"), true),
        size -> new HostileSource.Behaviour(HostileSource.Mode.STALL, (long) (r.nextDouble() * size), 0));
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public Expected expected() {
    return expected;
  }

  @Override
  public Arranged arrange(HostileLab lab, Random unused) {
    var a = lab.served("a", 0, "iso/a.iso");
    Path image = lab.convergedStick(lab.spec("before", List.of(a)));
    var b = lab.served("b", 1, "iso/b.iso");
    DriveSpec more = lab.spec("more", List.of(a, b));
    HostileSource.Behaviour how = behaviour.apply(b.size());
    String name = lab.sourceName("b");
    lab.source().behave(name, how);
    return new Arranged(more, image, image.toString(), List.of(), () -> lab.source().behave(name, HostileSource.Behaviour.ok()),
        more, how.mode() + (how.at() > 0 ? " at byte " + how.at() : "")
            + (how.bytesPerSecond() > 0 ? " at " + how.bytesPerSecond() / 1024 + " KiB/s" : ""));
  }
}
