#!/usr/bin/env python3
"""PyTorch's training and inference throughput of nnrun configs on a CUDA GPU, on random data.

The GPU kit's peer (scripts/gpu-kit.sh): the same measurement as `nnrun bench CONFIG` (training
steps at --batch with the config's loss and optimizer, then forward passes at --infer-batch, timed
for --seconds each after a warm-up), with the model built from the config by scripts/torch_twin.py.
One RESULT line per config:

    RESULT torch_cuda config=cifar_convnet device=NVIDIA_H200 train_img_s=... infer_img_s=...

Exit code 0; 3 when there is no CUDA device (the kit then skips the peer), 2 for a config the twin
cannot build.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch  # noqa: E402
import torch_twin  # noqa: E402


DEVICE = "cuda"


def synchronize():
    if DEVICE == "cuda":
        torch.cuda.synchronize()


def timed(step, seconds):
    """Runs step() until `seconds` have passed; returns the calls per second."""
    for _ in range(5):  # warm-up: cuDNN picks its algorithms, the allocator fills its cache
        step()
    synchronize()
    calls, start = 0, time.perf_counter()
    while True:
        step()
        calls += 1
        if calls % 10 == 0:
            synchronize()
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                return calls / elapsed


def measure(path, batch, infer_batch, seconds):
    with open(path) as f:
        cfg = torch_twin.load_yaml(f.read(), path)
    dataset = cfg["data"]["dataset"]
    shape = (1, 28, 28) if dataset == "mnist" else (3, 32, 32)
    model, classes = torch_twin.build_model(cfg["model"], shape)
    model = model.to(DEVICE)
    loss_fn = torch_twin.make_loss(cfg.get("loss"))
    opt, _, _ = torch_twin.make_optimizer(cfg.get("optimizer"), model.parameters())
    x = torch.randn((batch,) + shape, device=DEVICE)
    y = torch.randint(0, classes, (batch,), device=DEVICE)

    def train_step():
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        opt.step()

    model.train()
    train = timed(train_step, seconds) * batch
    model.eval()
    xi = torch.randn((infer_batch,) + shape, device=DEVICE)
    with torch.no_grad():
        infer = timed(lambda: model(xi), seconds) * infer_batch
    return train, infer


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("configs", nargs="+")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--infer-batch", type=int, default=1000)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--device", default="cuda", help="cuda (default), or cpu to try the script without a GPU")
    a = ap.parse_args()
    global DEVICE
    DEVICE = a.device
    if DEVICE == "cuda" and not torch.cuda.is_available():
        print("torch_cuda_throughput: no CUDA device (torch %s, CUDA build %s)" % (torch.__version__, torch.version.cuda))
        sys.exit(3)
    if DEVICE == "cuda":
        name = torch.cuda.get_device_name(0)
        torch.backends.cudnn.benchmark = True
        print("torch %s, CUDA %s, cuDNN %s, %s" % (torch.__version__, torch.version.cuda, torch.backends.cudnn.version(), name))
    else:
        name = DEVICE
        torch.set_num_threads(os.cpu_count())
        print("torch %s on the CPU, %d threads" % (torch.__version__, torch.get_num_threads()))
    for path in a.configs:
        try:
            train, infer = measure(path, a.batch, a.infer_batch, a.seconds)
        except torch_twin.ConfigError as e:
            print("torch_cuda_throughput: %s: %s" % (path, e), file=sys.stderr)
            sys.exit(2)
        config = os.path.splitext(os.path.basename(path))[0]
        print("RESULT torch_cuda config=%s device=%s train_img_s=%.1f infer_img_s=%.1f"
              % (config, name.replace(" ", "_"), train, infer))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
