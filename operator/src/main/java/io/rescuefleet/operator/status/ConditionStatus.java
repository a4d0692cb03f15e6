package io.rescuefleet.operator.status;

/** The three values a Kubernetes condition's status takes. */
public enum ConditionStatus {
  True,
  False,
  Unknown;

  public static ConditionStatus of(boolean value) {
    return value ? True : False;
  }
}
