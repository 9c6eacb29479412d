package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * d = (probs − q)·scale with the targets q = (1 − ε)·onehot(labels) + ε/classes (ε = smoothing), one
 * work-item per element.
 */
final class SoftmaxCrossEntropyBackwardKernel extends Kernel {
    float[] probs = new float[1];
    int[] labels = new int[1];
    float[] d = new float[1];
    int total, classes;
    float scale, smoothing;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < total) {
            float target = (labels[i / classes] == i % classes ? 1f - smoothing : 0f) + smoothing / classes;
            d[i] = (probs[i] - target) * scale;
        }
    }
}
