package io.rescuefleet.station.connected;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Gives each insertion of a stick its own id, so the operator can count insertions (its sampling
 * policy forces a Full verification every N of them) and match assignments to the insertion they
 * were decided for.
 */
final class Insertions {
  private final Map<String, Present> present = new HashMap<>();

  /** A stick currently in, with the id of this insertion. */
  record Present(PresentStick stick, String insertionId) {}

  /** What changed since the last scan. */
  record Changes(List<Present> inserted, List<Present> removed) {
    boolean any() {
      return !inserted.isEmpty() || !removed.isEmpty();
    }
  }

  synchronized Changes update(List<PresentStick> scanned) {
    Map<String, PresentStick> now = new HashMap<>();
    scanned.forEach(s -> now.put(s.key(), s));
    List<Present> removed = new ArrayList<>();
    present.entrySet().removeIf(e -> {
      if (!now.containsKey(e.getKey())) {
        removed.add(e.getValue());
        return true;
      }
      return false;
    });
    List<Present> inserted = new ArrayList<>();
    for (PresentStick s : scanned) {
      Present known = present.get(s.key());
      if (known == null) {
        Present p = new Present(s, UUID.randomUUID().toString());
        present.put(s.key(), p);
        inserted.add(p);
      } else {
        present.put(s.key(), new Present(s, known.insertionId()));
      }
    }
    return new Changes(inserted, removed);
  }

  synchronized List<Present> all() {
    return List.copyOf(present.values());
  }
}
