package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads values out of the one-line JSON that commands print with --json. */
final class JsonFields {
    private JsonFields() {
    }

    /** The number after the first {@code "key":}. */
    static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":(-?[0-9.Ee+-]+)[,}]").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    /** The text of the object value of the first {@code "key":{...}}, braces included. */
    static String object(String json, String key) {
        String start = "\"" + key + "\":{";
        int from = json.indexOf(start);
        assertTrue(from >= 0, key + " in " + json);
        int open = from + start.length() - 1;
        int depth = 0;
        for (int i = open; i < json.length(); i++) {
            depth += json.charAt(i) == '{' ? 1 : json.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return json.substring(open, i + 1);
            }
        }
        throw new AssertionError("unbalanced braces after " + key + " in " + json);
    }

    /** The keys of a flat object's text, in order. */
    static List<String> keys(String object) {
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]+)\":").matcher(object);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
