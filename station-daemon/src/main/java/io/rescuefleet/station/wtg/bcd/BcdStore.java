package io.rescuefleet.station.wtg.bcd;

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
    try {
      Files.copy(template, store, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the BCD template " + template, e);
    }
    hivex.edit(store, BcdScript.render(state(store, objects), objects));
    List<String> wrong = check(store, objects);
    if (!wrong.isEmpty()) {
      throw new IllegalStateException("the BCD store written from " + template + " does not hold " + wrong);
    }
  }

  /** The ids of the objects the store has, lower case. */
  public List<String> objectIds(Path store) {
    return hivex.subkeys(store, "\\Objects").orElse(List.of()).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  /** The device an element of an object names, if the store has that element and it is a partition. */
  public Optional<BcdDevice> device(Path store, String objectId, String elementType) {
    return element(store, objectId, elementType).filter(v -> v.startsWith("hex(3):"))
        .map(v -> BcdDevice.decode(java.util.HexFormat.ofDelimiter(",").parseHex(v.substring("hex(3):".length()))));
  }

  /** An element's value as hivexsh prints it, if the store has it. */
  public Optional<String> element(Path store, String objectId, String elementType) {
    return hivex.values(store, "\\Objects\\" + objectId + "\\Elements\\" + elementType)
        .map(v -> v.get(BcdElements.ELEMENT));
  }

  /** What the store holds of the objects named. */
  StoreState state(Path store, List<BcdObject> objects) {
    Optional<List<String>> ids = hivex.subkeys(store, "\\Objects");
    Map<String, StoreState.ObjectKeys> found = new HashMap<>();
    for (BcdObject o : objects) {
      String name = ids.orElse(List.of()).stream().filter(id -> id.equalsIgnoreCase(o.id())).findFirst().orElse(null);
      if (name == null) {
        continue;
      }
      List<String> parts = hivex.subkeys(store, "\\Objects\\" + name).orElse(List.of());
      List<String> elements = hivex.subkeys(store, "\\Objects\\" + name + "\\Elements").orElse(List.of());
      found.put(o.id().toLowerCase(Locale.ROOT), new StoreState.ObjectKeys(name,
          parts.stream().anyMatch("Description"::equalsIgnoreCase), parts.stream().anyMatch("Elements"::equalsIgnoreCase),
          new HashSet<>(elements.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList())));
    }
    return new StoreState(ids.isPresent(), found);
  }

  /** The elements whose value in the store is not the one asked for, as {@code {id}\type}. */
  private List<String> check(Path store, List<BcdObject> objects) {
    List<String> wrong = new ArrayList<>();
    for (BcdObject o : objects) {
      o.elements().forEach((type, value) -> {
        String key = "\\Objects\\" + o.id() + "\\Elements\\" + type;
        String actual = hivex.values(store, key).map(v -> v.get(BcdElements.ELEMENT)).orElse(null);
        if (!value.regedit().equalsIgnoreCase(String.valueOf(actual))) {
          wrong.add(o.id() + "\\" + type);
        }
      });
    }
    return wrong;
  }
}
