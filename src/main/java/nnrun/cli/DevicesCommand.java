package nnrun.cli;

import java.util.concurrent.Callable;

import nnrun.backend.DeviceReport;
import nnrun.backend.JavaBackend;
import nnrun.backend.cpu.ThreadBudget;
import nnrun.backend.opencl.OpenClDiscovery;
import picocli.CommandLine.Command;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List OpenCL platforms and devices, and the Java backend's SIMD width and threads.",
        footer = {"", "Example:", "  nnrun devices"})
final class DevicesCommand implements Callable<Integer> {
    @Override public Integer call() {
        DeviceReport.collect(OpenClDiscovery.installed(), new JavaBackend(ThreadBudget.ofThisProcess(null)).description()).lines().forEach(System.out::println);
        System.out.println("CPU GEMM: " + nnrun.backend.cpu.Sgemm.parameters());
        // What the launcher's share of the memory limit came to (docs/slurm.md).
        System.out.println("JVM heap: up to " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        return ExitCode.OK;
    }
}
