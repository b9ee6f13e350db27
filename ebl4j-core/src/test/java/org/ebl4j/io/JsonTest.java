package org.ebl4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @Test
    void parsesNestedValuesInOrder() throws Exception {
        Object v = Json.parse(" {\"b\": [1, -0.5e+3, true, false, null, {}], \"a\" :\"x\", \"c\":[]}\n\t ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("b", "a", "c"), List.copyOf(m.keySet()));
        List<?> b = (List<?>) m.get("b");
        assertEquals(new Json.Num("1"), b.get(0));
        assertEquals(new Json.Num("-0.5e+3"), b.get(1));
        assertEquals(Boolean.TRUE, b.get(2));
        assertEquals(Boolean.FALSE, b.get(3));
        assertNull(b.get(4));
        assertEquals(Map.of(), b.get(5));
        assertEquals("x", m.get("a"));
        assertEquals(List.of(), m.get("c"));
    }

    @Test
    void decodesEveryEscape() throws Exception {
        String s = (String) Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\uD83D\\ude00 \u00e9\"");
        assertEquals("q\" b\\ s/ \b\f\n\r\t \u00e9 \uD83D\uDE00 \u00e9", s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "}", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\":}",
        "01", "-", "1.", ".5", "1e", "+1", "NaN", "tru", "nul", "'a'", "[1] x", "{} {}", "\"abc", "\"\\x\"",
        "\"\\u12\"", "\"\\u12g4\"", "\"\\ud800\"", "\"\\ud800\\u0041\"", "\"\\udc00\"", "\"a\nb\"", "\"a\u0000\"",
        "{\"a\":1,\"a\":2}", "[1 2]"})
    void rejectsInvalidJson(String text) {
        Json.SyntaxException e = assertThrows(Json.SyntaxException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().contains(" at character "), e.getMessage());
    }

    @Test
    void limitsNesting() throws Exception {
        String ok = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        Json.parse(ok);
        String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
        Json.SyntaxException e = assertThrows(Json.SyntaxException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().startsWith("nesting deeper than 64 levels"), e.getMessage());
        String huge = "[".repeat(1_000_000);
        assertThrows(Json.SyntaxException.class, () -> Json.parse(huge));
    }

    @Test
    void errorsGivePositionAndReason() {
        Json.SyntaxException e = assertThrows(Json.SyntaxException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertEquals("duplicate key \"a\" at character 7", e.getMessage());
        e = assertThrows(Json.SyntaxException.class, () -> Json.parse("{\"a\" 1}"));
        assertEquals("unexpected '1', expected ':' at character 5", e.getMessage());
    }

    @Test
    void quotesLikeSerdeJson() throws Exception {
        assertEquals("\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f\u007f/\u00e9\uD83D\uDE00\"",
                Json.quote(new StringBuilder(), "a\"b\\c\n\t\r\b\f\u0001\u001f\u007f/\u00e9\uD83D\uDE00").toString());
        for (String s : List.of("", "plain", "\u0000\u0010 \"\\", "\u2028\uFFFF\uD834\uDD1E")) {
            assertEquals(s, Json.parse(Json.quote(new StringBuilder(), s).toString()));
        }
    }

    @Test
    void numbersConvertOnlyWhenNonNegativeIntegers() {
        long[] got = Arrays.stream(new String[] {"0", "42", "9223372036854775807", "9223372036854775808", "-1", "2.0",
            "1e3", "-0"}).mapToLong(t -> new Json.Num(t).nonNegativeLong()).toArray();
        assertEquals(Arrays.toString(new long[] {0, 42, Long.MAX_VALUE, -1, -1, -1, -1, -1}), Arrays.toString(got));
    }

    @Test
    void writesNestedAndFloatArrays() {
        assertEquals("{\"m\":[[1,0.5],[-2,3]],\"f\":[0.25,null],\"s\":[\"a\",[1,2]]}",
                Json.write(new java.util.LinkedHashMap<String, Object>(java.util.Map.of()) {
                    {
                        put("m", new double[][] {{1, 0.5}, {-2, 3}});
                        put("f", new float[] {0.25f, Float.NaN});
                        put("s", new Object[] {"a", new int[] {1, 2}});
                    }
                }));
    }
}
