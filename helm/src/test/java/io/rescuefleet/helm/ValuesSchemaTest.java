package io.rescuefleet.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** values.schema.json and the chart's own checks reject bad values with a message that names them. */
class ValuesSchemaTest {

  @ParameterizedTest(name = "{0} is rejected: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      replicas=2                                   | Additional property replicas is not allowed
      operator.replica=2                           | operator: Additional property replica is not allowed
      serviceMonitr.enabled=true                   | Additional property serviceMonitr is not allowed
      station.tokenSecrets.name=t                  | station: Additional property tokenSecrets is not allowed
      prometheusRule.alerts.slowWrites.for=5m      | prometheusRule.alerts: Additional property slowWrites is not allowed
      prometheusRule.alerts.slowWrite.for=ten      | prometheusRule.alerts.slowWrite.for: Does not match pattern
      prometheusRule.alerts.wear.severity=page     | prometheusRule.alerts.wear.severity: prometheusRule.alerts.wear.severity must be one of the following
      operator.replicas=two                        | operator.replicas: Invalid type. Expected: integer, given: string
      operator.image.pullPolicy=Sometimes          | operator.image.pullPolicy: operator.image.pullPolicy must be one of the following
      service.type=ExternalName                    | service.type: service.type must be one of the following
      station.cacheDir=var/cache                   | station.cacheDir: Does not match pattern '^/'
      station.maxParallelSticks=0                  | station.maxParallelSticks: Must be greater than or equal to 1
      station.outboxCapacity=2                     | station.outboxCapacity: Must be greater than or equal to 3
      station.outboxCapacity=200000                | station.outboxCapacity: Must be less than or equal to 100000
      operator.watchNamespace=It_Ops               | operator.watchNamespace: Does not match pattern
      """)
  void schemaRejects(String set, String message) {
    assertThatThrownBy(() -> HelmChart.template(set))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0} fails: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      operator.replicas=2,operator.leaderElection.enabled=false | operator.leaderElection.enabled must be true when operator.replicas > 1
      station.enabled=true                                      | station.tokenSecret.name is required when station.enabled is true
      serviceAccount.create=false                               | serviceAccount.name is required when serviceAccount.create is false
      """)
  void chartRefuses(String sets, String message) {
    assertThatThrownBy(() -> HelmChart.template(sets.split(",")))
        .hasMessageContaining(message);
  }
}
