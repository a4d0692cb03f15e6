package io.rescuefleet.helm;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One Kubernetes API request as RBAC sees it: API group ("" for core), resource (with its
 * subresource, e.g. {@code rescuedrives/status}), verb, the namespace (null: cluster-wide) and the
 * object's name when it names one.
 */
record ApiCall(String group, String resource, String verb, String namespace, String name) {

  /** The RBAC attributes of a request, or empty for a non-resource URL (/version, /apis discovery). */
  static Optional<ApiCall> of(String method, URI uri) {
    List<String> p = new ArrayList<>(Arrays.asList(uri.getPath().replaceAll("^/+|/+$", "").split("/")));
    String group;
    if (p.size() >= 3 && p.get(0).equals("api")) {
      group = "";
      p = p.subList(2, p.size());
    } else if (p.size() >= 4 && p.get(0).equals("apis")) {
      group = p.get(1);
      p = p.subList(3, p.size());
    } else {
      return Optional.empty();
    }
    String namespace = null;
    if (p.size() >= 3 && p.get(0).equals("namespaces")) {
      namespace = p.get(1);
      p = p.subList(2, p.size()); // a namespaced resource; "namespaces/{name}" alone is the Namespace itself
    }
    String resource = p.get(0);
    String name = p.size() >= 2 ? p.get(1) : null;
    if (p.size() >= 3) {
      resource = resource + "/" + p.get(2);
    }
    String query = uri.getQuery() == null ? "" : uri.getQuery();
    boolean watch = query.matches("(^|.*&)watch=(true|1)(&.*|$)");
    String verb = switch (method) {
      case "GET" -> watch ? "watch" : name == null ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name == null ? "deletecollection" : "delete";
      default -> method.toLowerCase();
    };
    return Optional.of(new ApiCall(group, resource, verb, namespace, name));
  }

  @Override
  public String toString() {
    return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb + (namespace == null ? "" : " in " + namespace)
        + (name == null ? "" : " " + name);
  }
}
