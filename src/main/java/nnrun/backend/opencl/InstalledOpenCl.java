package nnrun.backend.opencl;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.jocl.CL.*;

/**
 * Lists this machine's OpenCL devices through JOCL, the binding the backend launches kernels with.
 * JOCL rather than Aparapi: Aparapi's native library cannot say whether the loader library or only a
 * driver is missing (both are "failed to load"), and it prints warnings to stderr from C. The loader
 * library is looked for first ({@link OpenClLoaderLibrary}), so a machine without OpenCL never
 * loads JOCL's native code at all.
 */
final class InstalledOpenCl {
    private InstalledOpenCl() {}

    static OpenClInventory discover() {
        Optional<String> noLoader = OpenClLoaderLibrary.problem();
        if (noLoader.isPresent()) return OpenClInventory.noLoader(noLoader.get());
        try {
            CL.setExceptionsEnabled(true);
        } catch (LinkageError e) { // JOCL's own native library, or a loader that is not the one found above
            return OpenClInventory.unavailable("JOCL could not be loaded: " + e.getMessage());
        }
        try {
            List<OpenClDeviceInfo> devices = new ArrayList<>();
            for (cl_platform_id p : OpenClContext.platforms()) {
                String platform = OpenClContext.platformString(p, CL_PLATFORM_NAME);
                String version = OpenClContext.platformString(p, CL_PLATFORM_VERSION);
                for (cl_device_id d : OpenClContext.devices(p)) devices.add(describe(platform, version, d));
            }
            if (devices.isEmpty()) return OpenClInventory.unavailable("the OpenCL platforms list no device");
            return new OpenClInventory(devices);
        } catch (CLException e) {
            if (e.getStatus() == CL_PLATFORM_NOT_FOUND_KHR) return OpenClInventory.noDriver(vendorsDir());
            return OpenClInventory.unavailable("OpenCL discovery failed: " + e.getMessage());
        }
    }

    private static OpenClDeviceInfo describe(String platform, String version, cl_device_id d) {
        long type = OpenClContext.deviceLong(d, CL_DEVICE_TYPE, org.jocl.Sizeof.cl_ulong);
        OpenClDeviceInfo.Kind kind = (type & CL_DEVICE_TYPE_GPU) != 0 ? OpenClDeviceInfo.Kind.GPU
                : (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? OpenClDeviceInfo.Kind.ACCELERATOR
                : (type & CL_DEVICE_TYPE_CPU) != 0 ? OpenClDeviceInfo.Kind.CPU : OpenClDeviceInfo.Kind.OTHER;
        return new OpenClDeviceInfo(platform, version, OpenClContext.deviceString(d, CL_DEVICE_NAME).trim(), kind,
                (int) OpenClContext.deviceLong(d, CL_DEVICE_MAX_COMPUTE_UNITS, org.jocl.Sizeof.cl_uint),
                OpenClContext.deviceLong(d, CL_DEVICE_GLOBAL_MEM_SIZE, org.jocl.Sizeof.cl_ulong),
                OpenClContext.deviceLong(d, CL_DEVICE_LOCAL_MEM_SIZE, org.jocl.Sizeof.cl_ulong),
                (int) Math.min(Integer.MAX_VALUE, OpenClContext.deviceLong(d, CL_DEVICE_MAX_WORK_GROUP_SIZE, org.jocl.Sizeof.size_t)));
    }

    /** Where the ocl-icd loader looks for drivers' .icd files. */
    private static String vendorsDir() {
        String env = System.getenv("OCL_ICD_VENDORS");
        return env != null && !env.isBlank() ? env : "/etc/OpenCL/vendors";
    }
}
