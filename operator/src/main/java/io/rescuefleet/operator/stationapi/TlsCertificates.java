package io.rescuefleet.operator.stationapi;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rescuefleet.operator.config.OperatorConfig.SecretName;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.Base64;

/** Loads the station API's certificate and key from a {@code kubernetes.io/tls} Secret ({@code tls.crt}, {@code tls.key}). */
public final class TlsCertificates {
  private TlsCertificates() {}

  public static PemKeyCertOptions load(KubernetesClient client, SecretName name) {
    Secret secret = client.secrets().inNamespace(name.namespace()).withName(name.name()).get();
    if (secret == null) {
      throw new IllegalStateException("TLS Secret " + name + " does not exist");
    }
    return new PemKeyCertOptions()
        .addCertValue(Buffer.buffer(decoded(secret, "tls.crt", name)))
        .addKeyValue(Buffer.buffer(decoded(secret, "tls.key", name)));
  }

  private static byte[] decoded(Secret secret, String key, SecretName name) {
    String value = secret.getData() == null ? null : secret.getData().get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("TLS Secret " + name + " has no " + key);
    }
    return Base64.getMimeDecoder().decode(value);
  }
}
