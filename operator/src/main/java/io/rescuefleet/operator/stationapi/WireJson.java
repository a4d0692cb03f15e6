package io.rescuefleet.operator.stationapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * JSON for the station API and the fleet view. Reading is strict and names the field: an unknown
 * field, a key given twice, a number where a string belongs (or the reverse), a fraction where a
 * whole number belongs are all refused; missing numbers read as 0 (the field rules then decide).
 * Stations and operator share these types, so a station sends only fields its operator knows as
 * long as the operator is upgraded first. Nulls are left out when writing, times are RFC 3339.
 */
public final class WireJson {
  public static final ObjectMapper MAPPER = strictScalars(JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // A missing number reads as 0 and is then refused by the field rules with a clear message.
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .addModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
      .build());

  /** Jackson would turn 12 or true into the text "12" or "true"; a wrong type is refused instead. */
  private static ObjectMapper strictScalars(ObjectMapper mapper) {
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']{1,128})'");

  private WireJson() {}

  /** Reads a request body; throws a 400 {@link ApiException} naming the field for anything malformed. */
  public static <T> T read(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest("", "the body is empty; expected a JSON object");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw ApiException.badRequest("", "the body is null; expected a JSON object");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest(path(e), "unknown field");
    } catch (InvalidFormatException e) {
      throw ApiException.badRequest(path(e), "cannot read " + quote(e.getValue()) + " as " + describe(e.getTargetType()));
    } catch (MismatchedInputException e) {
      throw ApiException.badRequest(path(e), "expected " + describe(e.getTargetType()));
    } catch (JsonMappingException e) {
      throw ApiException.badRequest(withDuplicate(path(e), e.getOriginalMessage()), printable(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      String field = e.getProcessor() instanceof JsonParser parser ? contextPath(parser.getParsingContext()) : "";
      field = withDuplicate(field, e.getOriginalMessage());
      throw ApiException.badRequest(field, "not valid JSON: " + printable(e.getOriginalMessage()));
    } catch (IOException e) {
      throw ApiException.badRequest("", "cannot read the body: " + e.getMessage());
    }
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** {@code reports[2].samples[0].seconds} from Jackson's reference chain. */
  static String path(JsonMappingException e) {
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

  /** {@code sticks[0].serial} from where the parser stopped, for errors the parser raises itself. */
  private static String contextPath(JsonStreamContext context) {
    StringBuilder sb = new StringBuilder();
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    parts.forEach(sb::append);
    return sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
  }

  /** The duplicated key itself, where the parser names it ("Duplicate field 'serial'") but the path stops above it. */
  private static String withDuplicate(String path, String message) {
    Matcher m = message == null ? null : DUPLICATE.matcher(message);
    if (m == null || !m.lookingAt() || path.endsWith(m.group(1))) {
      return path;
    }
    return path.isEmpty() ? m.group(1) : path + "." + m.group(1);
  }

  /** A parser's message as it may go back to a caller: no control characters, bounded. */
  private static String printable(String message) {
    String text = message == null ? "no detail" : message.replaceAll("\\p{Cntrl}", " ");
    return text.length() <= 300 ? text : text.substring(0, 297) + "...";
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "a different type";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
      return "a whole number";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "an object";
  }

  private static String quote(Object value) {
    String text = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
    return "\"" + (text.length() <= 64 ? text : text.substring(0, 61) + "...") + "\"";
  }
}
