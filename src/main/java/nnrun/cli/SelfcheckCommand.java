package nnrun.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import nnrun.backend.Backend;
import nnrun.backend.Device;
import nnrun.backend.JavaBackend;
import nnrun.backend.ReferenceBackend;
import nnrun.backend.SelfCheck;
import nnrun.backend.cpu.ThreadBudget;
import nnrun.backend.opencl.OpenClBackend;
import nnrun.backend.opencl.OpenClDeviceInfo;
import nnrun.backend.opencl.OpenClDiscovery;
import nnrun.backend.opencl.OpenClInventory;
import nnrun.backend.opencl.OpenClUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "selfcheck", mixinStandardHelpOptions = true,
        description = {"Run every kernel once against the reference loops on small odd-sized inputs and print one "
                + "line per kernel: pass or FAIL, the largest error, the share of the tolerance it used, and the time "
                + "(a first launch includes the driver's compile).",
                "Exit code 0 when every kernel agrees, 4 when one does not or the device cannot be opened."},
        footer = {"", "Examples:", "  nnrun selfcheck                  # java and every OpenCL device",
                "  nnrun selfcheck --device opencl  # OpenCL only; exit 4 without a runtime"})
final class SelfcheckCommand implements Callable<Integer> {
    @Option(names = "--device", paramLabel = "auto|java|opencl", completionCandidates = DeviceOption.Names.class,
            description = "What to check: auto (default) checks java and every OpenCL device there is; opencl every OpenCL device.")
    String device = "auto";

    @Mixin ThreadsOption threads;

    @Override public Integer call() {
        if (!Device.configNames().contains(device))
            throw new UsageException("--device: unknown device '" + device + "'; use one of " + String.join(", ", Device.configNames()));
        Device which = Device.fromConfigName(device);
        threads.use();
        boolean allPassed = true;
        if (which != Device.OPENCL) allPassed = report(new JavaBackend(ThreadBudget.current()));
        if (which != Device.JAVA) allPassed &= checkOpenCl(which == Device.OPENCL);
        return allPassed ? ExitCode.OK : ExitCode.RUNTIME;
    }

    private boolean checkOpenCl(boolean required) {
        OpenClInventory inventory = OpenClDiscovery.installed().discover();
        if (inventory.runtimeMissing()) {
            String line = "selfcheck: opencl: " + inventory.problem() + "; to check OpenCL, " + inventory.fix();
            if (required) {
                System.err.println("nnrun: " + line.substring("selfcheck: ".length()));
                return false;
            }
            System.out.println(line);
            return true;
        }
        boolean allPassed = true;
        for (OpenClDeviceInfo info : inventory.bestFirst()) {
            System.out.println("selfcheck: translating and compiling the OpenCL kernels for " + info.name());
            try {
                allPassed &= report(OpenClBackend.withoutSelfCheck(info));
            } catch (OpenClUnavailableException e) {
                System.out.println("  FAIL  (compile)  " + e.getMessage());
                allPassed = false;
            }
        }
        return allPassed;
    }

    /** One line per kernel, then the verdict; true when every kernel agreed. */
    private static boolean report(Backend backend) {
        System.out.println("selfcheck: " + backend.description() + ", against the reference loops");
        List<SelfCheck.Result> results = SelfCheck.run(backend, new ReferenceBackend());
        int width = results.stream().mapToInt(r -> r.kernel().length()).max().orElse(10);
        long failed = 0;
        for (SelfCheck.Result r : results) {
            if (!r.passed()) failed++;
            System.out.printf(Locale.ROOT, "  %-4s  %-" + width + "s  max error %8.2e  %5.1f%% of tolerance  %8.3f ms%s%n",
                    r.passed() ? "pass" : "FAIL", r.kernel(), r.maxError(), 100 * Math.min(r.toleranceUsed(), 9.99),
                    r.nanos() / 1e6, r.passed() ? "" : "  " + r.problem());
        }
        System.out.println("selfcheck: " + backend.name() + ": " + (failed == 0
                ? "all " + results.size() + " kernels agree with the reference"
                : failed + " of " + results.size() + " kernels disagree with the reference"));
        return failed == 0;
    }
}
