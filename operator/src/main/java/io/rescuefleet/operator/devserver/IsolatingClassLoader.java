package io.rescuefleet.operator.devserver;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads Vert.x, Netty and fabric8's mock server from its own jars before asking the parent, so the
 * mock server runs on the Vert.x it was written for; everything else (fabric8 model, Jackson) is shared.
 */
final class IsolatingClassLoader extends URLClassLoader {
  private static final List<String> OWN_PACKAGES = List.of(
      "io.vertx.", "io.netty.", "io.fabric8.mockwebserver.", "io.fabric8.kubernetes.client.server.mock.");
  private static final List<String> OWN_RESOURCES = List.of(
      "io/vertx/", "io/netty/", "io/fabric8/mockwebserver/", "io/fabric8/kubernetes/client/server/mock/",
      "META-INF/services/io.vertx.", "META-INF/services/io.netty.", "META-INF/native/", "META-INF/io.netty.");

  static {
    registerAsParallelCapable();
  }

  IsolatingClassLoader(URL[] jars, ClassLoader parent) {
    super("rescuefleet-apiserver", jars, parent);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (OWN_PACKAGES.stream().noneMatch(name::startsWith)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = findClass(name);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  public URL getResource(String name) {
    if (isOwn(name)) {
      URL own = findResource(name);
      if (own != null) {
        return own;
      }
    }
    return super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (!isOwn(name)) {
      return super.getResources(name);
    }
    List<URL> own = new ArrayList<>(Collections.list(findResources(name)));
    return Collections.enumeration(own);
  }

  private static boolean isOwn(String name) {
    return OWN_RESOURCES.stream().anyMatch(name::startsWith);
  }
}
