package nnrun.backend;

/**
 * The backend a run uses and why, in words for the run's log and summary.
 *
 * @param reason one line, e.g. "auto: no OpenCL GPU found (OpenCL devices: ... CPU); the CPU backend is faster on a CPU"
 */
public record DeviceChoice(Backend backend, String reason) {
    public DeviceChoice {
        java.util.Objects.requireNonNull(backend, "backend");
        java.util.Objects.requireNonNull(reason, "reason");
    }
}
