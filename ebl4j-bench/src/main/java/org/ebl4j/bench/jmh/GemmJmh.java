package org.ebl4j.bench.jmh;

import java.nio.FloatBuffer;
import java.util.concurrent.TimeUnit;

import org.ebl4j.bench.GemmBench;
import org.ebl4j.kernel.Gemm;
import org.ebl4j.kernel.GemmKernel;
import org.ebl4j.kernel.Threads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH version of {@link GemmBench}: time per sgemm call for each kernel, size (M x K x N, see {@link GemmBench})
 * and thread count; GFLOP/s = 2*M*K*N / time. A kernel that cannot load here fails its setup (JMH reports it and
 * goes on). Example: {@code java -cp ... org.openjdk.jmh.Main GemmJmh -p kernel=native,vector -p size=1024x1024x1024}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmJmh {
    @Param({"64x64x64", "256x256x256", "1024x1024x1024", "256x784x1024"})
    public String size;

    @Param({"native", "vector", "scalar"})
    public String kernel;

    /** 0 = the library default ({@link Threads#count()}). */
    @Param({"1", "0"})
    public int threads;

    private GemmKernel k;
    private int m;
    private int kk;
    private int n;
    private FloatBuffer a;
    private FloatBuffer b;
    private FloatBuffer c;

    @Setup(Level.Trial)
    public void setup() {
        if (threads > 0) {
            Threads.set(threads);
        }
        k = Gemm.get(kernel);
        GemmBench.Size s = GemmBench.Size.parse(size);
        m = s.m();
        kk = s.k();
        n = s.n();
        FloatBuffer[] abc = GemmBench.operands(s);
        a = abc[0];
        b = abc[1];
        c = abc[2];
    }

    @Benchmark
    public FloatBuffer sgemm() {
        k.sgemm(false, false, m, n, kk, 1f, a, 0, kk, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
