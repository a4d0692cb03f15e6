package io.rescuefleet.operator.secret;

/** One key of one Secret. */
public record SecretKey(String namespace, String name, String key) {
  @Override
  public String toString() {
    return namespace + "/" + name + "[" + key + "]";
  }
}
