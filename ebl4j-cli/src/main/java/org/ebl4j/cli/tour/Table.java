package org.ebl4j.cli.tour;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A small table of a section's numbers: a header, then rows of cells (numbers, strings or booleans), the first
 * cell of each row naming it.
 */
public record Table(List<String> header, List<List<Object>> rows) {
    public Table {
        header = List.copyOf(header);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("Table: row " + row + " has " + row.size() + " cells, the header "
                        + header + " has " + header.size());
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copy);
    }

    /**
     * One row per key of the figures' map {@code metrics[0]} (e.g. per loss), one column per metric, each a map of
     * the figures from those keys to values: "gap": {"energy": 0.001, ...} gives the row "energy" its gap.
     */
    public static Table byMetric(Map<String, Object> figures, String rowHeader, String... metrics) {
        List<String> header = new ArrayList<>();
        header.add(rowHeader);
        header.addAll(List.of(metrics));
        List<List<Object>> rows = new ArrayList<>();
        for (String item : map(figures, metrics[0]).keySet()) {
            List<Object> row = new ArrayList<>();
            row.add(item);
            for (String metric : metrics) {
                row.add(map(figures, metric).get(item));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    /**
     * One row per item, one column per metric, for figures shaped the other way round: {@code item: {metric:
     * value}} (e.g. "hmc": {"error": 0.01, ...}).
     */
    public static Table byItem(Map<String, Object> figures, String rowHeader, List<String> items,
                               String... metrics) {
        List<String> header = new ArrayList<>();
        header.add(rowHeader);
        header.addAll(List.of(metrics));
        List<List<Object>> rows = new ArrayList<>();
        for (String item : items) {
            List<Object> row = new ArrayList<>();
            row.add(item);
            for (String metric : metrics) {
                row.add(map(figures, item).get(metric));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> figures, String key) {
        if (!(figures.get(key) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("Table: figure '" + key + "' is not a map in " + figures.keySet());
        }
        return (Map<String, Object>) m;
    }
}
