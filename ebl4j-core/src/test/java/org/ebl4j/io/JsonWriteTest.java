package org.ebl4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonWriteTest {
    @Test
    void writesNestedValuesOnOneLine() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("ok", true);
        inner.put("none", null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "mlp");
        m.put("n", 3);
        m.put("x", 0.25);
        m.put("whole", 2.0);
        m.put("tiny", 1e-20);
        m.put("list", List.of(1, 2.5, "a"));
        m.put("arr", new double[] {0.5, Double.NaN});
        m.put("ints", new int[] {1, 2});
        m.put("inner", inner);
        assertEquals("{\"name\":\"mlp\",\"n\":3,\"x\":0.25,\"whole\":2,\"tiny\":1.0E-20,\"list\":[1,2.5,\"a\"],"
                + "\"arr\":[0.5,null],\"ints\":[1,2],\"inner\":{\"ok\":true,\"none\":null}}", Json.write(m));
    }

    @Test
    void escapesStringsAndDropsNonFiniteNumbers() {
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001\"", Json.write("a\"b\\c\nd\te\u0001"));
        assertEquals("null", Json.write(Double.POSITIVE_INFINITY));
        assertEquals("null", Json.write(Float.NaN));
        assertEquals("{}", Json.write(Map.of()));
    }
}
