package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** d = (probs − onehot(labels))·scale, one work-item per element. */
final class SoftmaxCrossEntropyBackwardKernel extends Kernel {
    float[] probs = new float[1];
    int[] labels = new int[1];
    float[] d = new float[1];
    int total, classes;
    float scale;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < total) {
            float hot = labels[i / classes] == i % classes ? 1f : 0f;
            d[i] = (probs[i] - hot) * scale;
        }
    }
}
