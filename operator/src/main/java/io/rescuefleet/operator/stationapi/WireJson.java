package io.rescuefleet.operator.stationapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * JSON for the station API and the fleet view: unknown fields are ignored (newer stations may send
 * more), wrong types are refused with the field's path, missing numbers read as 0 (the field rules
 * then decide), nulls are left out when writing, times are RFC 3339.
 */
public final class WireJson {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // A missing number reads as 0 and is then refused by the field rules with a clear message.
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .addModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
      .build();

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
    } catch (InvalidFormatException e) {
      throw ApiException.badRequest(path(e), "cannot read " + quote(e.getValue()) + " as " + describe(e.getTargetType()));
    } catch (MismatchedInputException e) {
      throw ApiException.badRequest(path(e), "expected " + describe(e.getTargetType()));
    } catch (JsonMappingException e) {
      throw ApiException.badRequest(path(e), e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("", "not valid JSON: " + e.getOriginalMessage());
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
