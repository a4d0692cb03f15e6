package io.rescuefleet.operator.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiCallTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      GET    | /apis/rescuefleet.io/v1alpha1/rescuedrives?resourceVersion=0                 | list   | rescuefleet.io       | rescuedrives         | -          | -
      GET    | /apis/rescuefleet.io/v1alpha1/rescuedrives?allowWatchBookmarks=true&watch=true | watch  | rescuefleet.io       | rescuedrives         | -          | -
      GET    | /apis/rescuefleet.io/v1alpha1/namespaces/it-ops/rescuedrives?watch=true        | watch  | rescuefleet.io       | rescuedrives         | it-ops     | -
      PATCH  | /apis/rescuefleet.io/v1alpha1/namespaces/it-ops/rescuedrives/stick-1/status    | patch  | rescuefleet.io       | rescuedrives/status  | it-ops     | stick-1
      PATCH  | /apis/rescuefleet.io/v1alpha1/imagingstations/lab-a/status                     | patch  | rescuefleet.io       | imagingstations/status | -        | lab-a
      GET    | /api/v1/namespaces/rescuefleet-system/secrets/lab-a-token                      | get    | ''                   | secrets              | rescuefleet-system | lab-a-token
      POST   | /api/v1/namespaces/default/events                                              | create | ''                   | events               | default    | -
      PUT    | /apis/coordination.k8s.io/v1/namespaces/rescuefleet-system/leases/rescuefleet-operator | update | coordination.k8s.io | leases         | rescuefleet-system | rescuefleet-operator
      GET    | /api/v1/namespaces/it-ops                                                      | get    | ''                   | namespaces           | -          | it-ops
      DELETE | /api/v1/namespaces/it-ops/secrets                                              | deletecollection | ''         | secrets              | it-ops     | -
      """)
  void resourceRequests(String method, String target, String verb, String group, String resource, String namespace,
      String name) {
    ApiCall call = ApiCall.of("ua", method, target);

    assertThat(call.verb()).isEqualTo(verb);
    assertThat(call.apiGroup()).isEqualTo(group);
    assertThat(call.qualifiedResource()).isEqualTo(resource);
    assertThat(call.namespace()).isEqualTo(namespace);
    assertThat(call.name()).isEqualTo(name);
    assertThat(call.nonResourcePath()).isNull();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      GET | /apis
      GET | /api
      GET | /version
      GET | /apis/rescuefleet.io/v1alpha1
      """)
  void discoveryIsANonResourceRequest(String method, String target) {
    ApiCall call = ApiCall.of("ua", method, target);

    assertThat(call.resource()).isNull();
    assertThat(call.nonResourcePath()).isEqualTo(target);
    assertThat(call.verb()).isEqualTo("get");
  }
}
