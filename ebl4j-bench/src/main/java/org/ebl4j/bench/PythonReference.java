package org.ebl4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Python side of a side-by-side bench (PyTorch, scikit-learn under Debian's /usr/bin/python3): checks that the
 * reference library imports with OpenBLAS under it and installs the Debian packages with apt-get when not (without
 * OpenBLAS, Debian's numpy and torch run on the reference BLAS, which would flatter ebl4j), and runs processes.
 */
final class PythonReference {
    private PythonReference() {
    }

    /**
     * Makes sure {@code python} imports {@code module} and {@link MlpBench#OPENBLAS_LIBRARY} exists, installing
     * {@code packages} with apt-get otherwise; {@code who} ("bench mlp") prefixes messages.
     */
    static void ensure(String who, String python, String module, List<String> packages, PrintWriter log)
            throws IOException, InterruptedException {
        String check = "import " + module;
        boolean imports = exec(who, log, false, python, "-c", check) == 0;
        boolean blas = Files.exists(Path.of(MlpBench.OPENBLAS_LIBRARY));
        if (imports && blas) {
            return;
        }
        String list = String.join(" ", packages);
        log.println(who + ": " + (imports ? "no optimised BLAS (" + MlpBench.OPENBLAS_LIBRARY + ") for " + module
                : "'" + check + "' fails in " + python) + "; installing: apt-get install -y " + list);
        log.flush();
        List<String> cmd = new ArrayList<>(List.of("apt-get", "install", "-y"));
        cmd.addAll(packages);
        int rc = exec(who, log, true, cmd.toArray(String[]::new));
        if (rc != 0 || exec(who, log, false, python, "-c", check) != 0) {
            throw new IOException(who + ": '" + check + "' fails in " + python + " and 'apt-get install -y " + list
                    + "' " + (rc != 0 ? "failed (exit " + rc + ")" : "did not fix it") + "; install " + list
                    + " or pass another --python");
        }
    }

    /** Runs a command, copying its output to {@code log} when {@code echo}; returns its exit code. */
    static int exec(String who, PrintWriter log, boolean echo, String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(who + ": cannot run " + cmd[0] + ": " + e.getMessage(), e);
        }
        try (BufferedReader r = reader(p.getInputStream())) {
            for (String line; (line = r.readLine()) != null; ) {
                if (echo) {
                    log.println("  " + line);
                    log.flush();
                }
            }
        }
        return p.waitFor();
    }

    /** UTF-8 lines of a process's output. */
    static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
