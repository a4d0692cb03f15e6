package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How often stations sample throughput and how deeply sticks are verified on insertion. */
public class Sampling {
  @Min(value = 0, inclusive = false)
  @Max(3600)
  @Default("1")
  @JsonPropertyDescription("Seconds between throughput samples; the operator drops samples that arrive faster.")
  public Double throughputIntervalSeconds = 1.0;

  @JsonPropertyDescription("Verification done on every insertion.")
  public Verify verify = new Verify();

  /** The verify level due on each insertion. */
  public static class Verify {
    @Default("Sampled")
    @JsonPropertyDescription("Quick: layout, manifest, sizes, mtimes. Sampled: also hash sampleRatio of the data. Full: hash everything.")
    public VerifyMode mode = VerifyMode.Sampled;

    @Min(value = 0, inclusive = false)
    @Max(1)
    @Default("0.1")
    @JsonPropertyDescription("Share of the data hashed by Sampled verification, in (0, 1]; rotates so every byte is checked over time.")
    public Double sampleRatio = 0.1;

    @Min(1)
    @Default("10")
    @JsonPropertyDescription("Force a Full verification every N insertions.")
    public Integer fullEvery = 10;

    @Min(value = 0, inclusive = false)
    @Default("720")
    @JsonPropertyDescription("Force a Full verification when the last one is older than this many hours.")
    public Double maxAgeHours = 720.0;
  }
}
