package vn.hanoi.lgsp.documentation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Map;

/**
 * Example values for generated requests, from what the document says: an example, a default,
 * the first allowed value; failing those a placeholder by type. A provider that wants its
 * collection to work unchanged gives examples.
 */
final class Examples {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEEPEST = 6;

    private Examples() {
    }

    static String of(Parameter parameter) {
        if (parameter.getExample() != null) {
            return text(parameter.getExample());
        }
        if (parameter.getExamples() != null && !parameter.getExamples().isEmpty()) {
            Object value = parameter.getExamples().values().iterator().next().getValue();
            if (value != null) {
                return text(value);
            }
        }
        Schema<?> schema = parameter.getSchema();
        if (schema != null) {
            JsonNode value = value(schema, 0);
            return value.isTextual() ? value.asText() : value.toString();
        }
        return "";
    }

    static String body(MediaType media) {
        Object example = media.getExample();
        if (example == null && media.getExamples() != null && !media.getExamples().isEmpty()) {
            example = media.getExamples().values().iterator().next().getValue();
        }
        try {
            JsonNode value = example != null ? JSON.valueToTree(example)
                    : media.getSchema() != null ? value(media.getSchema(), 0) : JSON.createObjectNode();
            return value.isTextual() ? value.asText() : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object value) {
        JsonNode node = JSON.valueToTree(value);
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static JsonNode value(Schema<?> schema, int depth) {
        if (schema.getExample() != null) {
            return JSON.valueToTree(schema.getExample());
        }
        if (schema.getDefault() != null) {
            return JSON.valueToTree(schema.getDefault());
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return JSON.valueToTree(schema.getEnum().get(0));
        }
        String type = schema.getType() != null ? schema.getType()
                : schema.getTypes() != null && !schema.getTypes().isEmpty() ? schema.getTypes().iterator().next()
                : schema.getProperties() != null ? "object" : "string";
        switch (type) {
            case "object" -> {
                ObjectNode object = JSON.createObjectNode();
                if (schema.getProperties() != null && depth < DEEPEST) {
                    for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
                        object.set(property.getKey(), value(property.getValue(), depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = JSON.createArrayNode();
                if (schema.getItems() != null && depth < DEEPEST) {
                    array.add(value(schema.getItems(), depth + 1));
                }
                return array;
            }
            case "integer", "number" -> {
                return JSON.getNodeFactory().numberNode(schema.getMinimum() != null ? schema.getMinimum().longValue() : 1);
            }
            case "boolean" -> {
                return JSON.getNodeFactory().booleanNode(true);
            }
            default -> {
                if ("date".equals(schema.getFormat())) {
                    return JSON.getNodeFactory().textNode("2025-07-01");
                }
                if ("date-time".equals(schema.getFormat())) {
                    return JSON.getNodeFactory().textNode("2025-07-01T08:00:00+07:00");
                }
                return JSON.getNodeFactory().textNode("");
            }
        }
    }
}
