package nnrun.backend.opencl;

/**
 * A kernel did not run on its OpenCL device: Aparapi could not translate it (or could not launch it)
 * and fell back to its Java thread pool. Never ignored: that mode is 10-400x slower than plain Java.
 */
public class KernelFallbackException extends RuntimeException {
    public KernelFallbackException(String message) {
        super(message);
    }

    public KernelFallbackException(String message, Throwable cause) {
        super(message, cause);
    }
}
