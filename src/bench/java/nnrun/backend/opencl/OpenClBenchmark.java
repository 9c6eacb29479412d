package nnrun.backend.opencl;

import nnrun.backend.DeviceTime;

import nnrun.backend.ConvGeometry;

import java.util.Locale;
import java.util.Random;

/**
 * GFLOP/s of the OpenCL backend's GEMM and conv forward on the best OpenCL device, with compute and
 * transfer time apart. Run: {@code java -cp ... nnrun.backend.opencl.OpenClBenchmark}.
 */
public final class OpenClBenchmark {
    private OpenClBenchmark() {}

    public static void main(String[] args) {
        OpenClInventory inventory = OpenClDiscovery.installed().discover();
        if (inventory.runtimeMissing()) throw new OpenClUnavailableException(inventory.problem() + "; " + inventory.fix());
        OpenClBackend cl = new OpenClBackend(inventory.bestFirst().get(0));
        System.out.println(cl.description());
        for (int size : new int[] {512, 1024}) gemm(cl, size);
        conv(cl, new ConvGeometry(128, 32, 32, 32, 32, 3, 3, 1, 1, 1, 1, 1, 1));
    }

    private static void gemm(OpenClBackend cl, int s) {
        float[] a = random(s * s), b = random(s * s), c = new float[s * s];
        cl.gemm(false, false, s, s, s, 1f, a, 0, s, b, 0, s, 0f, c, 0, s); // warm-up: compiles, allocates buffers
        report("gemm " + s + "x" + s + "x" + s, 2.0 * s * s * s, cl,
                () -> cl.gemm(false, false, s, s, s, 1f, a, 0, s, b, 0, s, 0f, c, 0, s));
    }

    private static void conv(OpenClBackend cl, ConvGeometry g) {
        float[] x = random(g.inputSize()), w = random(g.weightSize()), bias = random(g.outC()), y = new float[g.outputSize()];
        float[] dy = random(g.outputSize()), dx = new float[g.inputSize()], dw = new float[g.weightSize()], db = new float[g.outC()];
        String layer = g.n() + "x" + g.c() + "x" + g.h() + "x" + g.w() + " -> " + g.outC() + ", " + g.kh() + "x" + g.kw()
                + " pad " + g.padH();
        cl.conv2dForward(g, x, w, bias, y);
        report("conv2dForward " + layer, 2.0 * g.macs(), cl, () -> cl.conv2dForward(g, x, w, bias, y));
        cl.conv2dBackwardInput(g, dy, w, dx);
        report("conv2dBackwardInput " + layer, 2.0 * g.macs(), cl, () -> cl.conv2dBackwardInput(g, dy, w, dx));
        cl.conv2dBackwardWeight(g, x, dy, dw, db);
        report("conv2dBackwardWeight " + layer, 2.0 * g.macs(), cl, () -> cl.conv2dBackwardWeight(g, x, dy, dw, db));
    }

    private static void report(String what, double flops, OpenClBackend cl, Runnable call) {
        int reps = 0;
        DeviceTime before = cl.stats();
        long t0 = System.nanoTime();
        do {
            call.run();
            reps++;
        } while (System.nanoTime() - t0 < 3_000_000_000L && reps < 50);
        DeviceTime step = cl.stats().minus(before); // waits for the device: launches are asynchronous
        double seconds = (System.nanoTime() - t0) / 1e9 / reps;
        System.out.printf(Locale.ROOT, "%-55s %7.2f GFLOP/s  %8.2f ms/call  transfer %.3f ms/call  (%d calls; %s)%n",
                what, flops / seconds / 1e9, seconds * 1e3, step.transferNanos() / 1e6 / reps, reps, step.summary());
    }

    private static float[] random(int n) {
        Random rnd = new Random(1);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextFloat() * 2 - 1;
        return v;
    }
}
