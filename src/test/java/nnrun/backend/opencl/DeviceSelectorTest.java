package nnrun.backend.opencl;

import nnrun.testing.ChildJvm;

import nnrun.backend.Device;

import nnrun.backend.Backend;
import nnrun.backend.DeviceChoice;
import nnrun.backend.DeviceReport;
import nnrun.backend.DeviceSelector;
import nnrun.backend.ReferenceBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --device auto|java|opencl on this machine (PoCL on a CPU), on a pretend GPU machine, and without OpenCL. */
class DeviceSelectorTest {
    private static final Function<OpenClDeviceInfo, Backend> SHARED_BACKEND = d -> PoclDevice.backend();

    @Test
    void javaIsTheCpuBackendWhateverOpenClOffers() {
        Backend cpu = new ReferenceBackend();
        DeviceChoice choice = new DeviceSelector(() -> OpenClInventory.noLoader("not found"), SHARED_BACKEND)
                .select(Device.JAVA, () -> cpu);
        assertSame(cpu, choice.backend());
        assertEquals("java: requested with --device java", choice.reason());
    }

    @Test
    void autoOnThisCpuOnlyMachineKeepsTheCpuBackend() {
        OpenClDeviceInfo pocl = PoclDevice.device();
        org.junit.jupiter.api.Assumptions.assumeTrue(pocl.kind() == OpenClDeviceInfo.Kind.CPU, "this machine has an OpenCL GPU");
        DeviceChoice choice = new DeviceSelector(OpenClDiscovery.installed(), SHARED_BACKEND).select(Device.AUTO, ReferenceBackend::new);
        assertEquals("reference", choice.backend().name());
        assertTrue(choice.reason().startsWith("auto: no OpenCL GPU found (OpenCL devices: " + pocl.name() + " CPU)"), choice.reason());
        assertTrue(choice.reason().endsWith("; using reference"), choice.reason());
    }

    @Test
    void openclOnThisMachineBuildsAndSelfChecksTheBackendOnTheBestDevice() {
        OpenClDeviceInfo best = PoclDevice.device();
        DeviceChoice choice = new DeviceSelector().select(Device.OPENCL, ReferenceBackend::new);
        OpenClBackend backend = assertInstanceOf(OpenClBackend.class, choice.backend());
        assertEquals(best.name(), backend.device().name());
        assertEquals("opencl: requested with --device opencl; " + best.summary() + " passed the self-check", choice.reason());
    }

    @Test
    void autoPrefersAGpuThatPassesTheSelfCheck() {
        OpenClDeviceInfo gpu = asKind(PoclDevice.device(), OpenClDeviceInfo.Kind.GPU, "Pretend GPU");
        OpenClDeviceInfo cpu = PoclDevice.device();
        DeviceChoice choice = new DeviceSelector(() -> new OpenClInventory(List.of(cpu, gpu)), SHARED_BACKEND)
                .select(Device.AUTO, ReferenceBackend::new);
        assertEquals("opencl", choice.backend().name());
        assertTrue(choice.reason().startsWith("auto: OpenCL GPU Pretend GPU (GPU, "), choice.reason());
    }

    @Test
    void autoFallsBackToTheCpuWhenTheGpuFailsItsSelfCheckAndSaysWhy() {
        OpenClDeviceInfo gpu = asKind(PoclDevice.device(), OpenClDeviceInfo.Kind.GPU, "Broken GPU");
        Function<OpenClDeviceInfo, Backend> failing = d -> {
            throw new OpenClUnavailableException("gemm: element 3 is 0.0 but the reference gives 1.5");
        };
        DeviceChoice choice = new DeviceSelector(() -> new OpenClInventory(List.of(gpu)), failing)
                .select(Device.AUTO, ReferenceBackend::new);
        assertEquals("reference", choice.backend().name());
        assertEquals("auto: no usable OpenCL GPU (Broken GPU: gemm: element 3 is 0.0 but the reference gives 1.5); using reference",
                choice.reason());
    }

    @Test
    void openclFailsWhenNoDevicePassesTheSelfCheckAndNamesEachFailure() {
        OpenClDeviceInfo gpu = asKind(PoclDevice.device(), OpenClDeviceInfo.Kind.GPU, "Broken GPU");
        OpenClDeviceInfo cpu = asKind(PoclDevice.device(), OpenClDeviceInfo.Kind.CPU, "Broken CPU");
        Function<OpenClDeviceInfo, Backend> failing = d -> {
            throw new OpenClUnavailableException("unary EXP did not run on the device");
        };
        OpenClUnavailableException e = assertThrows(OpenClUnavailableException.class,
                () -> new DeviceSelector(() -> new OpenClInventory(List.of(cpu, gpu)), failing)
                        .select(Device.OPENCL, ReferenceBackend::new));
        assertEquals("--device opencl, but no OpenCL device passed nnrun's self-check: Broken GPU: unary EXP did not run"
                + " on the device; Broken CPU: unary EXP did not run on the device. Use --device java, or update the OpenCL driver.",
                e.getMessage());
    }

    @Test
    void withoutTheLoaderLibraryAutoPicksTheCpuAndOpenclNamesTheLoaderAndADriverToInstall() {
        DeviceSelector selector = new DeviceSelector(() -> OpenClInventory.noLoader("not found"), SHARED_BACKEND);
        assertEquals("auto: no OpenCL runtime (no usable OpenCL loader library (libOpenCL.so.1: not found)); using reference",
                selector.select(Device.AUTO, ReferenceBackend::new).reason());
        OpenClUnavailableException e = assertThrows(OpenClUnavailableException.class,
                () -> selector.select(Device.OPENCL, ReferenceBackend::new));
        assertEquals("--device opencl, but no usable OpenCL loader library (libOpenCL.so.1: not found). To fix, install an OpenCL"
                + " runtime: `apt-get install ocl-icd-libopencl1 pocl-opencl-icd` (Debian/Ubuntu, runs on the CPU) or your GPU"
                + " vendor's OpenCL driver, or use --device auto or java.", e.getMessage());
    }

    @Test
    void withTheLoaderButNoDriverOpenclNamesTheVendorsFolderAndOnlyTheDriverToInstall() {
        DeviceSelector selector = new DeviceSelector(() -> OpenClInventory.noDriver("/etc/OpenCL/vendors"), SHARED_BACKEND);
        OpenClUnavailableException e = assertThrows(OpenClUnavailableException.class,
                () -> selector.select(Device.OPENCL, ReferenceBackend::new));
        assertEquals("--device opencl, but the OpenCL loader found no platform (no driver's .icd file in /etc/OpenCL/vendors)."
                + " To fix, install an OpenCL driver: `apt-get install pocl-opencl-icd` (Debian/Ubuntu, runs on the CPU) or your"
                + " GPU vendor's OpenCL driver, or use --device auto or java.", e.getMessage());
        assertEquals(List.of("OpenCL: not available: the OpenCL loader found no platform (no driver's .icd file in /etc/OpenCL/vendors)",
                        "  to use OpenCL, " + OpenClInventory.DRIVER_HINT, "CPU backend: reference"),
                DeviceReport.collect(() -> OpenClInventory.noDriver("/etc/OpenCL/vendors"), "reference").lines());
    }

    @Test
    void hidingTheDriversMakesTheRealDiscoveryReportNoRuntimeWithTheRightReason(@TempDir Path emptyVendorDir) throws Exception {
        // ocl-icd finds drivers through OCL_ICD_VENDORS: an empty directory is a machine with the loader but no driver.
        // Without the loader library at all (libOpenCL.so.1 missing) the child reports that instead.
        OpenClInventory here = OpenClDiscovery.installed().discover();
        boolean noLoaderHere = here.runtimeMissing() && here.problem().startsWith(OpenClInventory.NO_LOADER);
        OpenClInventory expected = noLoaderHere ? here : OpenClInventory.noDriver(emptyVendorDir.toString());
        ChildJvm.Result run = ChildJvm.run(NoRuntimeProbe.class, Map.of("OCL_ICD_VENDORS", emptyVendorDir.toString()));
        String out = run.output();
        assertEquals(0, run.exitCode(), out);
        assertTrue(out.contains("OpenCL: not available: " + expected.problem() + "\n  to use OpenCL, " + expected.fix() + "\n"), out);
        assertTrue(out.contains("CPU backend: reference backend"), out);
        assertFalse(out.contains("Could not load"), "JOCL's C code is not asked to load a missing library: " + out);
        assertTrue(out.contains("auto -> auto: no OpenCL runtime (" + expected.problem() + "); using reference"), out);
        assertTrue(out.contains("opencl -> --device opencl, but " + expected.problem() + ". To fix, " + expected.fix()), out);
    }

    @Test
    void theDeviceReportListsPlatformsDevicesAndTheCpuBackend() {
        OpenClDeviceInfo pocl = PoclDevice.device();
        List<String> lines = DeviceReport.collect(OpenClDiscovery.installed(), "java: 2 threads, 16 float lanes").lines();
        assertTrue(lines.get(0).startsWith("OpenCL platform: " + pocl.platform() + " (OpenCL "), lines.get(0));
        assertTrue(lines.contains(String.format("  %-4s %s: %d compute units, %s global memory, %s local memory", pocl.kind(),
                pocl.name(), pocl.computeUnits(), OpenClDeviceInfo.humanBytes(pocl.globalMemBytes()),
                OpenClDeviceInfo.humanBytes(pocl.localMemBytes()))), String.join("\n", lines));
        assertEquals("CPU backend: java: 2 threads, 16 float lanes", lines.get(lines.size() - 1));
    }

    private static OpenClDeviceInfo asKind(OpenClDeviceInfo d, OpenClDeviceInfo.Kind kind, String name) {
        return new OpenClDeviceInfo(d.platform(), d.platformVersion(), name, kind, d.computeUnits(), d.globalMemBytes(),
                d.localMemBytes(), d.maxWorkGroupSize());
    }
}
