package io.rescuefleet.api.wire;

/** Paths and limits of the station API, shared by server and client. */
public final class StationApi {
  public static final String BASE = "/api/v1/stations";
  public static final String HEARTBEAT = "heartbeat";
  public static final String ASSIGNMENTS = "assignments";
  public static final String REPORTS = "reports";

  /** Largest request body the operator accepts; larger ones get 413. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /** Longest message (an error's or an outcome's text) a report may carry; stations clip theirs to it. */
  public static final int MAX_MESSAGE_CHARS = 1024;

  /** Longest long-poll the operator holds. */
  public static final int MAX_WAIT_SECONDS = 60;

  private StationApi() {}

  public static String path(String station, String endpoint) {
    return BASE + "/" + station + "/" + endpoint;
  }
}
