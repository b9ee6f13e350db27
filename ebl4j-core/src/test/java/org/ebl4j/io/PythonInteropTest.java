package org.ebl4j.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optional: an independent reader (Python's json and struct modules, plus safetensors.numpy when installed) checks
 * a file written here. Skipped when /usr/bin/python3 is absent; nothing is installed.
 */
class PythonInteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    private static final String READER = String.join("\n",
            "import json, struct, sys",
            "data = open(sys.argv[1], 'rb').read()",
            "n = struct.unpack('<Q', data[:8])[0]",
            "assert n % 8 == 0, 'header length %d not a multiple of 8' % n",
            "header = json.loads(data[8:8 + n].decode('utf-8'))",
            "meta = header.pop('__metadata__', {})",
            "end, out = 0, {}",
            "for name, info in sorted(header.items(), key=lambda kv: kv[1]['data_offsets']):",
            "    b, e = info['data_offsets']",
            "    count = 1",
            "    for d in info['shape']:",
            "        count *= d",
            "    assert b == end and e - b == 4 * count and info['dtype'] == 'F32', (name, info)",
            "    out[name] = list(struct.unpack('<%df' % count, data[8 + n + b:8 + n + e]))",
            "    end = e",
            "assert 8 + n + end == len(data), 'trailing bytes'",
            "try:",
            "    from safetensors.numpy import load_file",
            "    loaded = load_file(sys.argv[1])",
            "    assert {k: v.ravel().tolist() for k, v in loaded.items()} == out, 'safetensors disagrees'",
            "    sys.stderr.write('checked with safetensors.numpy too\\n')",
            "except ImportError:",
            "    sys.stderr.write('safetensors not installed: checked with json and struct only\\n')",
            "print(json.dumps({'metadata': meta, 'tensors': out}))");

    @Test
    void pythonReadsWhatWeWrite() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "skipped: " + PYTHON + " not found (optional check)");
        Path file = dir.resolve("t.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("weight", Tensor.of(new float[] {0.5f, -2f, 3.25f, 1e-3f, 7f, -0.125f}, 2, 3));
        tensors.put("bias", Tensor.vector(1f, -1f));
        tensors.put("scalar", Tensor.scalar(42f));
        tensors.put("empty", Tensor.zeros(2, 0));
        Map<String, String> metadata = Map.of("epoch", "3", "note", "é \"quoted\"\n😀");
        SafeTensors.save(file, tensors, metadata);

        Process p = new ProcessBuilder(PYTHON.toString(), "-c", READER, file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), err);

        Map<?, ?> result = (Map<?, ?>) Json.parse(out.trim());
        assertEquals(metadata, result.get("metadata"));
        Map<?, ?> read = (Map<?, ?>) result.get("tensors");
        assertEquals(tensors.keySet(), read.keySet());
        tensors.forEach((name, t) -> {
            List<Float> values = new ArrayList<>();
            for (Object v : (List<?>) read.get(name)) {
                values.add(Float.parseFloat(v.toString()));
            }
            List<Float> expected = new ArrayList<>();
            for (float v : t.toArray()) {
                expected.add(v);
            }
            assertEquals(expected, values, name);
        });
    }
}
