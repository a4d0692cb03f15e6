package io.rescuefleet.station.interlock;

/** The stick is not the one the spec names by serial. Reason {@code SerialMismatch}. */
public class SerialMismatchException extends DeviceRefusedException {
  public static final String REASON = "SerialMismatch";

  public SerialMismatchException(String message) {
    super(REASON, message);
  }
}
