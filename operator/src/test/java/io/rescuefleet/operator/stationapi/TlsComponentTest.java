package io.rescuefleet.operator.stationapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.rescuefleet.operator.config.OperatorConfig.SecretName;
import io.rescuefleet.operator.testing.Fixtures;
import io.rescuefleet.operator.testing.OperatorFixture;
import io.rescuefleet.operator.testing.StationClient;
import io.rescuefleet.operator.testing.Wire;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The station API serves TLS from a kubernetes.io/tls Secret, and refuses to start on a missing one. */
class TlsComponentTest {
  @Test
  void stationsTalkTlsWhenACertificateSecretIsConfigured() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    try (OperatorFixture f = OperatorFixture.start(c -> c)) {
      f.create(new SecretBuilder().withNewMetadata().withNamespace("rescuefleet-system").withName("station-tls").endMetadata()
          .withType("kubernetes.io/tls")
          .addToData("tls.crt", base64(cert.certificatePath()))
          .addToData("tls.key", base64(cert.privateKeyPath()))
          .build());
      f.create(Fixtures.tokenSecret("lab-tls-token", "tok"));
      f.create(Fixtures.station("lab-tls", "lab-tls-token", "1-1"));

      var tls = io.rescuefleet.operator.RescueFleetOperator.start(f.client,
          f.operator.config().withTlsSecret(new SecretName("rescuefleet-system", "station-tls")));
      try (StationClient secure = new StationClient(tls.stationApiPort(), "lab-tls", "tok", new WebClientOptions()
              .setSsl(true).setVerifyHost(false).setTrustOptions(new PemTrustOptions().addCertPath(cert.certificatePath())));
          StationClient plain = new StationClient(tls.stationApiPort(), "lab-tls", "tok")) {
        assertThat(secure.heartbeat(Wire.heartbeat()).status()).isEqualTo(200);
        assertThat(secure.heartbeat(Wire.heartbeat()).status()).isEqualTo(200);
        assertThatThrownBy(() -> plain.heartbeat(Wire.heartbeat())).isInstanceOf(IllegalStateException.class);
      } finally {
        tls.close();
      }

      assertThatThrownBy(() -> io.rescuefleet.operator.RescueFleetOperator.start(f.client,
          f.operator.config().withTlsSecret(new SecretName("rescuefleet-system", "no-such-tls"))))
          .hasMessageContaining("rescuefleet-system/no-such-tls");
    } finally {
      cert.delete();
    }
  }

  private static String base64(String path) throws Exception {
    return Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(path)));
  }
}
