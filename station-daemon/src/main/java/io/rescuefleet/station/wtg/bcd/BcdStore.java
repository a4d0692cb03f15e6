package io.rescuefleet.station.wtg.bcd;

import io.rescuefleet.station.wtg.registry.HiveKey;
import io.rescuefleet.station.wtg.registry.HiveValue;
import io.rescuefleet.station.wtg.registry.Hivex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds a BCD store from a template as bcdboot does: copies the template, adds or updates the
 * objects asked for with hivexsh, and reads every element back, so a store is only used when it
 * holds exactly what was written.
 */
public final class BcdStore {
  private final Hivex hivex;

  public BcdStore(Hivex hivex) {
    this.hivex = hivex;
  }

  /** Writes {@code store} from {@code template} with {@code objects}. */
  public void build(Path template, Path store, List<BcdObject> objects) {
    build(template, store, ids -> objects);
  }

  /**
   * Writes {@code store} from {@code template} with the objects {@code objectsFor} gives for the ids of
   * the objects the template has (lower case): the template is read once.
   */
  public void build(Path template, Path store, Function<List<String>, List<BcdObject>> objectsFor) {
    HiveKey original = hivex.read(template);
    List<BcdObject> objects = objectsFor.apply(ids(original));
    try {
      Files.copy(template, store, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the BCD template " + template, e);
    }
    hivex.edit(store, BcdScript.render(state(original, objects), objects));
    HiveKey written = hivex.read(store);
    List<String> wrong = new ArrayList<>();
    for (BcdObject o : objects) {
      o.elements().forEach((type, value) -> {
        boolean holds = elementOf(written, o.id(), type).map(value::matches).orElse(false);
        if (!holds) {
          wrong.add(o.id() + "\\" + type);
        }
      });
    }
    if (!wrong.isEmpty()) {
      throw new IllegalStateException("the BCD store written from " + template + " does not hold " + wrong);
    }
  }

  /** The ids of the objects a store (or template) has, lower case. */
  public List<String> objectIds(Path store) {
    return ids(hivex.read(store));
  }

  private static List<String> ids(HiveKey root) {
    return root.at("\\Objects").map(HiveKey::children).orElse(List.of()).stream()
        .map(k -> k.name().toLowerCase(Locale.ROOT)).toList();
  }

  /** The device an element of an object names, if the store has that element and it is a partition. */
  public Optional<BcdDevice> device(Path store, String objectId, String elementType) {
    return element(store, objectId, elementType).filter(v -> v.bytes() != null).map(v -> BcdDevice.decode(v.bytes()));
  }

  /** An element's value, if the store has it. */
  public Optional<HiveValue> element(Path store, String objectId, String elementType) {
    return elementOf(hivex.read(store), objectId, elementType);
  }

  private static Optional<HiveValue> elementOf(HiveKey root, String objectId, String elementType) {
    return root.at("\\Objects\\" + objectId + "\\Elements\\" + elementType).flatMap(k -> k.value(BcdElements.ELEMENT));
  }

  /** What the store holds of the objects named. */
  static StoreState state(HiveKey root, List<BcdObject> objects) {
    Optional<HiveKey> all = root.at("\\Objects");
    Map<String, StoreState.ObjectKeys> found = new HashMap<>();
    for (BcdObject o : objects) {
      all.flatMap(a -> a.child(o.id())).ifPresent(key -> found.put(o.id().toLowerCase(Locale.ROOT),
          new StoreState.ObjectKeys(key.name(), key.child("Description").isPresent(), key.child("Elements").isPresent(),
              new HashSet<>(key.child("Elements").map(HiveKey::children).orElse(List.of()).stream()
                  .map(k -> k.name().toLowerCase(Locale.ROOT)).toList()))));
    }
    return new StoreState(all.isPresent(), found);
  }
}
