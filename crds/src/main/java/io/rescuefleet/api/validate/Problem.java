package io.rescuefleet.api.validate;

/**
 * One thing wrong with a manifest: the field path (e.g. {@code spec.entries[2].sha256}) and what is
 * wrong with it. {@code object} names the object, {@code Kind namespace/name}, where known.
 */
public record Problem(String object, String field, String message) {

  public static Problem of(String field, String message) {
    return new Problem(null, field, message);
  }

  public Problem in(String object) {
    return new Problem(object, field, message);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (object != null && !object.isEmpty()) {
      sb.append(object).append(": ");
    }
    if (field != null && !field.isEmpty()) {
      sb.append(field).append(": ");
    }
    return sb.append(message).toString();
  }
}
