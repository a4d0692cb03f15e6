package io.rescuefleet.api.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import io.rescuefleet.api.validate.ObjectNames;
import io.rescuefleet.api.validate.Problem;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads multi-document YAML (files or directories of {@code *.yaml}/{@code *.yml}) into RescueFleet
 * objects, as {@code kubectl apply -f} would take them. Unknown kinds, unknown fields and wrong
 * types are reported with file, document number and field path; all problems are collected before
 * failing. Types are strict, as the API server's schema is: a number is not read as a string nor a
 * string as a number, and 1.5 is not a whole number. Objects without a namespace get
 * {@code default}, as kubectl would give them.
 */
public final class ManifestLoader {
  /** Default namespace for namespaced objects that name none. */
  public static final String DEFAULT_NAMESPACE = "default";

  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "IsoCatalog", IsoCatalog.class,
      "WtgProfile", WtgProfile.class,
      "FleetPolicy", FleetPolicy.class,
      "ImagingStation", ImagingStation.class,
      "RescueDrive", RescueDrive.class);

  /** Shared: a mapper learns each type once, and the fabric8 model is large. Thread-safe once built. */
  private static final ObjectMapper YAML = strictTypes(YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build());

  /** Refuses numbers and booleans where a string belongs (Jackson would turn them into text). */
  private static ObjectMapper strictTypes(ObjectMapper mapper) {
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /** Loads every file and every YAML file under every directory, in sorted order. */
  public ManifestSet load(List<Path> paths) {
    ManifestSet set = new ManifestSet();
    List<Problem> problems = new ArrayList<>();
    for (Path path : paths) {
      for (Path file : expand(path, problems)) {
        try (Reader reader = Files.newBufferedReader(file)) {
          read(file.toString(), reader, set, problems);
        } catch (IOException e) {
          problems.add(new Problem(file.toString(), "", "cannot read: " + e.getMessage()));
        }
      }
    }
    checkDuplicates(set, problems);
    if (!problems.isEmpty()) {
      throw new ManifestLoadException(problems);
    }
    return set;
  }

  /** Loads YAML text; {@code source} names it in messages. */
  public ManifestSet load(String source, String text) {
    ManifestSet set = new ManifestSet();
    List<Problem> problems = new ArrayList<>();
    read(source, new StringReader(text), set, problems);
    checkDuplicates(set, problems);
    if (!problems.isEmpty()) {
      throw new ManifestLoadException(problems);
    }
    return set;
  }

  private List<Path> expand(Path path, List<Problem> problems) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      problems.add(new Problem(path.toString(), "", "no such file or directory"));
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      problems.add(new Problem(path.toString(), "", "cannot list: " + e.getMessage()));
      return List.of();
    }
  }

  private void read(String source, Reader reader, ManifestSet set, List<Problem> problems) {
    int document = 0;
    JsonParser parser = null;
    try (JsonParser opened = YAML.getFactory().createParser(reader);
         MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(opened)) {
      parser = opened;
      while (docs.hasNextValue()) {
        document++;
        JsonNode node = docs.nextValue();
        if (node == null || node.isNull() || node.isMissingNode()) {
          continue; // an empty document between '---' separators
        }
        String where = source + ", document " + document;
        HasMetadata object = convert(node, where, problems);
        if (object != null) {
          set.add(object);
        }
      }
    } catch (JsonProcessingException e) {
      // Limits (nesting depth, sizes) are raised without a location: the parser still knows it.
      JsonLocation at = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentLocation();
      String line = at == null || at.getLineNr() < 1 ? "" : ", line " + at.getLineNr();
      String object = source + ", document " + Math.max(document, 1) + line;
      if (parser != null && e.getOriginalMessage().startsWith("Duplicate field")) {
        // A key given twice would silently lose one value; name it, as any other field.
        problems.add(new Problem(object, contextPath(parser.getParsingContext()), "is given more than once"));
      } else {
        problems.add(new Problem(object, "", "not valid YAML: " + oneLine(e)));
      }
    } catch (IOException e) {
      problems.add(new Problem(source, "", "cannot read: " + e.getMessage()));
    }
  }

  private HasMetadata convert(JsonNode node, String where, List<Problem> problems) {
    if (!node.isObject()) {
      problems.add(new Problem(where, "", "expected a Kubernetes object (a mapping), got " + node.getNodeType()));
      return null;
    }
    String kind = node.path("kind").asText("");
    String apiVersion = node.path("apiVersion").asText("");
    Class<? extends HasMetadata> type;
    if (KINDS.containsKey(kind)) {
      if (!ApiConstants.API_VERSION.equals(apiVersion)) {
        problems.add(new Problem(where + " (" + kind + ")", "apiVersion", "must be " + ApiConstants.API_VERSION + ", got \"" + apiVersion + "\""));
        return null;
      }
      type = KINDS.get(kind);
    } else if ("v1".equals(apiVersion) && "Secret".equals(kind)) {
      type = Secret.class;
    } else if ("v1".equals(apiVersion) && "Namespace".equals(kind)) {
      type = Namespace.class;
    } else {
      String message = kind.isEmpty() ? "is required" : "unknown kind \"" + kind + "\" (apiVersion \"" + apiVersion
          + "\"); expected one of " + String.join(", ", KINDS.keySet().stream().sorted().toList()) + ", or v1 Secret";
      problems.add(new Problem(where, "kind", message));
      return null;
    }
    String label = where + " (" + kind + " " + node.path("metadata").path("name").asText("<unnamed>") + ")";
    try {
      HasMetadata object = YAML.treeToValue(node, type);
      if (object.getMetadata() == null) {
        problems.add(new Problem(label, "metadata", "is required"));
        return null;
      }
      object.getMetadata().getAdditionalProperties().keySet()
          .forEach(k -> problems.add(new Problem(label, "metadata." + k, "unknown field")));
      if (!(object instanceof ImagingStation) && !(object instanceof Namespace) && object.getMetadata().getNamespace() == null) {
        object.getMetadata().setNamespace(DEFAULT_NAMESPACE);
      }
      return object;
    } catch (UnrecognizedPropertyException e) {
      problems.add(new Problem(label, fieldPath(e), "unknown field"));
    } catch (InvalidFormatException e) {
      problems.add(new Problem(label, fieldPath(e), "cannot read \"" + shown(e.getValue()) + "\" as " + describe(e.getTargetType())));
    } catch (MismatchedInputException e) {
      problems.add(new Problem(label, fieldPath(e), "expected " + describe(e.getTargetType())));
    } catch (JsonProcessingException e) {
      String field = e instanceof JsonMappingException m ? fieldPath(m) : "";
      problems.add(new Problem(label, field, e.getOriginalMessage()));
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(label, "", e.getMessage()));
    }
    return null;
  }

  /** {@code spec.entries[2].sha256} from Jackson's reference chain. */
  static String fieldPath(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /**
   * The parser's complaint on one line: SnakeYAML's messages quote the offending source over
   * several lines, which would break the one-problem-per-line output.
   */
  private static String oneLine(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException m && m.getProblem() != null) {
        String where = m.getProblemMark() == null ? ""
            : " at line " + (m.getProblemMark().getLine() + 1) + ", column " + (m.getProblemMark().getColumn() + 1);
        return (m.getContext() == null ? "" : m.getContext() + ": ") + m.getProblem() + where;
      }
    }
    String message = e.getOriginalMessage() == null ? "no detail" : e.getOriginalMessage();
    String joined = message.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> a + "; " + b).orElse("");
    String printable = joined.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 300 ? printable : printable.substring(0, 297) + "...";
  }

  /** A value as it may appear in a message: printable, at most 80 characters. */
  private static String shown(Object value) {
    String text = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /** {@code spec.serial} from the parser's position, for errors raised while reading the tree. */
  private static String contextPath(JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        parts.add(0, "." + c.getCurrentName());
      }
    }
    String path = String.join("", parts);
    return path.startsWith(".") ? path.substring(1) : path;
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "a different type";
    }
    if (type.isEnum()) {
      Object[] values = type.getEnumConstants();
      List<String> names = new ArrayList<>();
      for (Object v : values) {
        names.add(((Enum<?>) v).name());
      }
      return "one of " + String.join(", ", names);
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "a mapping";
    }
    return "a mapping (" + type.getSimpleName() + ")";
  }

  private static void checkDuplicates(ManifestSet set, List<Problem> problems) {
    Map<String, Integer> seen = new HashMap<>();
    for (HasMetadata o : set.objects()) {
      String key = o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
      if (seen.merge(key, 1, Integer::sum) == 2) {
        problems.add(new Problem(ObjectNames.describe(o), "metadata.name", "is defined more than once"));
      }
    }
  }
}
