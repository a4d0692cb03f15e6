package io.rescuefleet.station.wtg.bcd;

import java.util.List;
import java.util.Map;

/**
 * The hivexsh commands that make a store hold the desired objects, adding the keys it lacks. Pure:
 * the store's current keys come in as {@link StoreState}. Keys and values not named are kept, as
 * bcdboot keeps the template's settings objects.
 */
public final class BcdScript {
  private BcdScript() {}

  public static String render(StoreState state, List<BcdObject> desired) {
    StringBuilder s = new StringBuilder();
    if (!state.hasObjectsKey()) {
      s.append("cd \\\n").append("add Objects\n");
    }
    for (BcdObject object : desired) {
      StoreState.ObjectKeys existing = state.object(object.id()).orElse(null);
      String name = existing == null ? object.id() : existing.keyName();
      String key = "\\Objects\\" + name;
      if (existing == null) {
        s.append("cd \\Objects\n").append("add ").append(name).append('\n');
      }
      if (object.type() != null) {
        if (existing == null || !existing.hasDescription()) {
          s.append("cd ").append(key).append('\n').append("add Description\n");
        }
        s.append("cd ").append(key).append("\\Description\n");
        setval(s, "Type", new BcdValue.Dword(object.type()));
      }
      if (existing == null || !existing.hasElements()) {
        s.append("cd ").append(key).append('\n').append("add Elements\n");
      }
      for (Map.Entry<String, BcdValue> e : object.elements().entrySet()) {
        if (existing == null || !existing.hasElement(e.getKey())) {
          s.append("cd ").append(key).append("\\Elements\n").append("add ").append(e.getKey()).append('\n');
        }
        s.append("cd ").append(key).append("\\Elements\\").append(e.getKey()).append('\n');
        setval(s, BcdElements.ELEMENT, e.getValue());
      }
    }
    return s.append("commit\n").toString();
  }

  private static void setval(StringBuilder s, String name, BcdValue value) {
    s.append("setval 1\n").append(name).append('\n').append(value.hivexsh()).append('\n');
  }
}
