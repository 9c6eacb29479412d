package nnrun.backend.opencl;

/** Finds the OpenCL devices of this machine. An interface so tests can present other machines. */
@FunctionalInterface
public interface OpenClDiscovery {

    OpenClInventory discover();

    /** The OpenCL runtime installed here, asked through JOCL; never throws, a missing runtime is a result. */
    static OpenClDiscovery installed() {
        return InstalledOpenCl::discover;
    }
}
