package nnrun.backend.opencl;

/**
 * Aparapi reads its settings from system properties once, when its Config class loads; every
 * class here that touches Aparapi calls {@link #apply()} first so the settings are in place.
 */
final class AparapiSettings {
    private AparapiSettings() {}

    /** Turns on OpenCL event profiling, which is how host-to-device copies get timed apart from compute. */
    static void apply() {
        if (System.getProperty("com.aparapi.enableProfiling") == null)
            System.setProperty("com.aparapi.enableProfiling", "true");
    }

    /** Whether the setting took effect (false when Aparapi was loaded before nnrun could set it). */
    static boolean profilingEnabled() {
        return com.aparapi.Config.enableProfiling;
    }
}
