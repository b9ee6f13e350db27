package org.ebl4j.cli.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One mapping of a configuration tree (YAML or JSON, read by Jackson) with its key path, read strictly: every
 * value is checked for kind and range, and {@link #allowOnly} rejects keys the schema does not know, listing the
 * valid ones. Every failure is a {@link ConfigException} naming the source and the key path.
 */
final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final String source;

    ConfigNode(JsonNode node, String path, String source) {
        this.node = node;
        this.path = path;
        this.source = source;
        if (node != null && !node.isObject()) {
            throw new ConfigException(source + ": " + (path.isEmpty() ? "the configuration" : path)
                    + " must be a mapping of keys to values, got " + kind(node));
        }
    }

    /** The sub-mapping {@code key}; an empty one when absent (all its keys then take their defaults). */
    ConfigNode section(String key) {
        return new ConfigNode(value(key), where(key), source);
    }

    boolean has(String key) {
        return value(key) != null;
    }

    /** Fails on the first key not in {@code valid}; {@code context} says whose keys they are. */
    void allowOnly(Collection<String> valid, String context) {
        if (node == null) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!valid.contains(key)) {
                throw new ConfigException(source + ": " + where(key) + ": unknown key" + context + "; valid keys of "
                        + (path.isEmpty() ? "the top level" : path) + ": " + String.join(", ", valid));
            }
        }
    }

    /** An integer ≥ {@code min}, or {@code fallback} when absent. */
    int integer(String key, int fallback, int min) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) {
            throw error(key, "must be an integer >= " + min, v);
        }
        return v.asInt();
    }

    /** Any 64-bit integer, or {@code fallback} when absent. */
    long longValue(String key, long fallback) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(key, "must be a 64-bit integer", v);
        }
        return v.asLong();
    }

    /** A finite number in [lo, hi] (or (lo, hi] when {@code openLow}), or {@code fallback} when absent. */
    double number(String key, double fallback, double lo, boolean openLow, double hi) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        double d = v.asDouble();
        if (!v.isNumber() || !Double.isFinite(d) || d < lo || (openLow && d == lo) || d > hi) {
            throw error(key, "must be a number in " + (openLow ? "(" : "[") + lo + ", "
                    + (hi == Double.MAX_VALUE ? "inf)" : hi + "]"), v);
        }
        return d;
    }

    boolean bool(String key, boolean fallback) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw error(key, "must be true or false", v);
        }
        return v.asBoolean();
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    String choice(String key, String fallback, List<String> allowed) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual() || !allowed.contains(v.asText())) {
            throw error(key, "must be one of " + String.join(", ", allowed), v);
        }
        return v.asText();
    }

    /** A non-empty string, or null when absent. */
    String text(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw error(key, "must be a non-empty string", v);
        }
        return v.asText();
    }

    /** One integer ≥ min or a non-empty list of them, or {@code fallback} when absent. */
    List<Integer> integers(String key, List<Integer> fallback, int min) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        List<JsonNode> items = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(items::add);
        } else {
            items.add(v);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isIntegralNumber() || !item.canConvertToInt() || item.asInt() < min) {
                throw error(key, "must be an integer >= " + min + " or a non-empty list of them", v);
            }
            out.add(item.asInt());
        }
        if (out.isEmpty()) {
            throw error(key, "must be an integer >= " + min + " or a non-empty list of them", v);
        }
        return List.copyOf(out);
    }

    /** A failure about {@code key} of this mapping. */
    ConfigException error(String key, String message) {
        return new ConfigException(source + ": " + where(key) + ": " + message);
    }

    private ConfigException error(String key, String message, JsonNode got) {
        return error(key, message + ", got " + (got.isValueNode() ? got.asText().isEmpty() ? "''" : got.toString()
                : kind(got) + " " + got));
    }

    private JsonNode value(String key) {
        JsonNode v = node == null ? null : node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    private String where(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String kind(JsonNode n) {
        return n.isArray() ? "a list" : n.isObject() ? "a mapping" : "'" + n.asText() + "'";
    }
}
