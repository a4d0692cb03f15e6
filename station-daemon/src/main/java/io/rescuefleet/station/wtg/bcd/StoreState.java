package io.rescuefleet.station.wtg.bcd;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a BCD store (or template) already has: per object (by its id, compared without case) the
 * key's own spelling, whether it has Description and Elements keys, and its element keys.
 */
public record StoreState(boolean hasObjectsKey, Map<String, ObjectKeys> objects) {
  public StoreState {
    objects = Map.copyOf(objects);
  }

  public Optional<ObjectKeys> object(String id) {
    return Optional.ofNullable(objects.get(id.toLowerCase(Locale.ROOT)));
  }

  /** The keys of one object. */
  public record ObjectKeys(String keyName, boolean hasDescription, boolean hasElements, Set<String> elements) {
    public ObjectKeys {
      elements = Set.copyOf(elements);
    }

    public boolean hasElement(String type) {
      return elements.contains(type.toLowerCase(Locale.ROOT));
    }
  }
}
