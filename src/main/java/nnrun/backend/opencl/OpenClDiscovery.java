package nnrun.backend.opencl;

import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLLoader;
import com.aparapi.internal.opencl.OpenCLPlatform;

import java.util.ArrayList;
import java.util.List;

/** Finds the OpenCL devices of this machine. An interface so tests can present other machines. */
@FunctionalInterface
public interface OpenClDiscovery {

    OpenClInventory discover();

    /** Asks Aparapi (and through it the OpenCL ICD loader); never throws, a missing runtime is a result. */
    static OpenClDiscovery aparapi() {
        return () -> {
            try {
                if (!OpenCLLoader.isOpenCLAvailable())
                    return OpenClInventory.unavailable("Aparapi could not load OpenCL (libOpenCL.so missing?)");
                List<OpenClDeviceInfo> devices = new ArrayList<>();
                for (OpenCLPlatform platform : new OpenCLPlatform().getOpenCLPlatforms())
                    for (OpenCLDevice device : platform.getOpenCLDevices())
                        devices.add(OpenClDeviceInfo.of(platform.getName(), platform.getVersion(), device));
                if (devices.isEmpty())
                    return OpenClInventory.unavailable("no OpenCL platform or device found (no ICD installed?)");
                return new OpenClInventory(devices, null);
            } catch (Throwable t) { // UnsatisfiedLinkError and friends: a machine without OpenCL is not an error here
                return OpenClInventory.unavailable("OpenCL discovery failed: " + t);
            }
        };
    }
}
