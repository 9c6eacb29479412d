package nnrun.backend.opencl;

/** OpenCL was asked for but cannot be used: no runtime, no device, or no device passed its self-check. */
public class OpenClUnavailableException extends RuntimeException {
    public OpenClUnavailableException(String message) {
        super(message);
    }

    public OpenClUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
