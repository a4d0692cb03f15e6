package io.rescuefleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.operator.config.OperatorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OperatorMainTest {
  @Test
  void optionsBecomeTheConfiguration() throws Exception {
    OperatorMain main = new OperatorMain();
    new CommandLine(main).parseArgs("--station-api-port", "9443", "--http-port", "9090", "--namespace", "it-ops,lab",
        "--coalesce-interval", "250ms", "--leader-election", "false", "--server-side-apply", "false",
        "--tls-secret", "rescuefleet-system/station-tls", "--heartbeat-status-refresh", "1m");
    OperatorConfig config = main.config(null);
    assertThat(config.stationApiPort()).isEqualTo(9443);
    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.namespaces()).isEqualTo(Set.of("it-ops", "lab"));
    assertThat(config.coalesceInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.leaderElection()).isEmpty();
    assertThat(config.serverSideApply()).isFalse();
    assertThat(config.tlsSecret()).hasValueSatisfying(s -> assertThat(s.toString()).isEqualTo("rescuefleet-system/station-tls"));
    assertThat(config.heartbeatStatusRefresh()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void defaultsMatchTheContract() throws Exception {
    OperatorMain main = new OperatorMain();
    new CommandLine(main).parseArgs("--leader-election", "false");
    OperatorConfig config = main.config(null);
    assertThat(config.stationApiPort()).isEqualTo(8081);
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.namespaces()).isEmpty();
    assertThat(config.coalesceInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.serverSideApply()).isTrue();
  }

  @Test
  void anEmptyNamespaceOptionWatchesAllNamespaces() throws Exception {
    // The Helm chart renders --namespace= when operator.watchNamespace is empty.
    OperatorMain main = new OperatorMain();
    new CommandLine(main).parseArgs("--namespace=", "--leader-election", "false");
    assertThat(main.config(null).namespaces()).isEmpty();
  }

  @Test
  void badValuesNameTheOption() {
    for (String[] args : new String[][] {{"--coalesce-interval", "soon"}, {"--tls-secret", "just-a-name"}}) {
      OperatorMain main = new OperatorMain();
      new CommandLine(main).parseArgs(args);
      assertThatThrownBy(() -> main.config(null)).isInstanceOf(CommandLine.ParameterException.class)
          .hasMessageContaining(args[0]);
    }
    StringWriter err = new StringWriter();
    int code = new CommandLine(new OperatorMain()).setErr(new PrintWriter(err)).execute("--http-port", "many");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--http-port");
  }
}
