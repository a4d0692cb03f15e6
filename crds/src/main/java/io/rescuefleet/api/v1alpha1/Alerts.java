package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** When the operator raises an alert on a stick or station. Defaults follow the source document's hardware guidance. */
public class Alerts {
  @Min(0)
  @Default("20")
  @JsonPropertyDescription("Alert when sequential write throughput stays below this many MB/s over the window.")
  public Double minWriteMBps = 20.0;

  @Min(0)
  @Default("40")
  @JsonPropertyDescription("Alert when sequential read throughput stays below this many MB/s over the window.")
  public Double minReadMBps = 40.0;

  @Min(value = 0, inclusive = false)
  @Default("60")
  @JsonPropertyDescription("Seconds of throughput samples averaged before comparing with the minimums.")
  public Double throughputWindowSeconds = 60.0;

  @Min(1)
  @Default("3")
  @JsonPropertyDescription("Alert after this many consecutive failed reconciles of a stick.")
  public Integer maxConsecutiveFailures = 3;

  @Min(value = 0, inclusive = false)
  @Default("60")
  @JsonPropertyDescription("A station whose last heartbeat is older than this many seconds is offline.")
  public Double stationHeartbeatTimeoutSeconds = 60.0;

  @Min(0)
  @Default("50000000000000")
  @JsonPropertyDescription("Alert when a stick's lifetime bytes written pass this (wear).")
  public Long wearBytesWritten = 50_000_000_000_000L;

  @Default("true")
  @JsonPropertyDescription("A drive under alert goes to phase Quarantined and gets no writes until acknowledged "
      + "with the annotation rescuefleet.io/acknowledge-alerts.")
  public Boolean quarantine = true;
}
