package io.rescuefleet.station.wtg.bcd;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one BCD object must hold: its type (the {@code Description\Type} value; null to keep what a
 * template has) and elements by their hex type name (e.g. {@code 11000001}). Elements not named are
 * left as the template has them.
 */
public record BcdObject(String id, Long type, Map<String, BcdValue> elements) {
  public BcdObject {
    elements = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(elements));
  }
}
