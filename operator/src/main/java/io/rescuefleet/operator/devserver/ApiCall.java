package io.rescuefleet.operator.devserver;

import java.net.URI;
import java.util.List;

/**
 * One request to the API server as Kubernetes authorization sees it: who (the client's User-Agent),
 * the verb, and the API group, resource, subresource, namespace and name it is about. A
 * non-resource request (discovery such as {@code /apis}) has no resource and keeps its path.
 */
public record ApiCall(String userAgent, String verb, String apiGroup, String resource, String subresource,
    String namespace, String name, String nonResourcePath) {

  /** Reads the authorization attributes from an HTTP method and request target (path with query). */
  public static ApiCall of(String userAgent, String method, String target) {
    URI uri = URI.create(target);
    String query = uri.getRawQuery() == null ? "" : "&" + uri.getRawQuery() + "&";
    List<String> parts = List.of(uri.getPath().replaceAll("^/+|/+$", "").split("/"));
    int at;
    String group;
    if (parts.size() >= 3 && parts.get(0).equals("api")) {
      group = "";
      at = 2;
    } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      at = 3;
    } else {
      return new ApiCall(userAgent, method.toLowerCase(java.util.Locale.ROOT), null, null, null, null, null, uri.getPath());
    }
    String namespace = null;
    if (parts.size() > at + 1 && parts.get(at).equals("namespaces") && parts.size() > at + 2) {
      namespace = parts.get(at + 1);
      at += 2;
    }
    String resource = parts.get(at);
    String name = parts.size() > at + 1 ? parts.get(at + 1) : null;
    String subresource = parts.size() > at + 2 ? parts.get(at + 2) : null;
    return new ApiCall(userAgent, verb(method, name, query), group, resource, subresource, namespace, name, null);
  }

  /** {@code rescuedrives/status}, {@code secrets}: the resource as RBAC rules name it. */
  public String qualifiedResource() {
    return subresource == null ? resource : resource + "/" + subresource;
  }

  private static String verb(String method, String name, String query) {
    return switch (method.toUpperCase(java.util.Locale.ROOT)) {
      case "GET", "HEAD" -> name != null ? "get" : query.contains("&watch=true&") || query.contains("&watch=1&") ? "watch" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name != null ? "delete" : "deletecollection";
      default -> method.toLowerCase(java.util.Locale.ROOT);
    };
  }
}
