#!/usr/bin/python3
"""Reference numbers for nnrun's nn/loss/optim tests, computed once with PyTorch (1.13, CPU, float32).

Run: /usr/bin/python3 scripts/torch_reference_numbers.py
The tests copy these values; re-run this script to re-derive them. Inputs are small arange-based
tensors so the Java tests can rebuild them without any data file.
"""
import torch
import torch.nn.functional as F

torch.set_printoptions(precision=8)


def show(name, t):
    values = ", ".join(f"{v:.8g}f" for v in t.detach().reshape(-1).tolist())
    print(f"{name} = {{{values}}}")


def optimizer_steps():
    """Two steps from w = [1, -2, 3] with gradients g1 then g2."""
    g1 = torch.tensor([0.1, -0.2, 0.3])
    g2 = torch.tensor([-0.5, 0.4, 0.05])
    configs = {
        "sgd_momentum_wd": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=0.01),
        "sgd_nesterov": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True),
        "adam_wd": lambda p: torch.optim.Adam(p, lr=0.1, weight_decay=0.01),
        "adamw": lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.1),
        "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.01),
        "rmsprop_centered_momentum_wd": lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.9, centered=True, weight_decay=0.01),
    }
    for name, make in configs.items():
        w = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
        opt = make([w])
        for step, g in enumerate([g1, g2], start=1):
            w.grad = g.clone()
            opt.step()
            show(f"{name}_step{step}", w)


def conv_forward():
    """x = arange(32)/10 as 1x2x4x4, w = (arange(36)-18)/10 as 2x2x3x3, bias [0.5, -0.5], stride 2, padding 1."""
    x = (torch.arange(32, dtype=torch.float32) / 10).reshape(1, 2, 4, 4)
    w = ((torch.arange(36, dtype=torch.float32) - 18) / 10).reshape(2, 2, 3, 3)
    b = torch.tensor([0.5, -0.5])
    show("conv_stride2_pad1", F.conv2d(x, w, b, stride=2, padding=1))
    show("conv_dilation2_pad2", F.conv2d(x, w, None, stride=1, padding=2, dilation=2))


def batch_norm():
    """x = sin(arange(24)) as 3x2x2x2 (N, C, H, W); gamma [1.5, 0.5], beta [0.1, -0.2]."""
    x = torch.sin(torch.arange(24, dtype=torch.float32)).reshape(3, 2, 2, 2)
    bn = torch.nn.BatchNorm2d(2)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor([1.5, 0.5]))
        bn.bias.copy_(torch.tensor([0.1, -0.2]))
    y = bn(x)
    show("bn_train_out_first4", y.reshape(-1)[:4])
    show("bn_running_mean", bn.running_mean)
    show("bn_running_var", bn.running_var)
    bn.eval()
    show("bn_eval_out_first4", bn(x).reshape(-1)[:4])


def losses():
    """logits = sin(arange(12)) as 4x3, labels [0, 2, 1, 2]."""
    z = torch.sin(torch.arange(12, dtype=torch.float32)).reshape(4, 3)
    y = torch.tensor([0, 2, 1, 2])
    show("ce", F.cross_entropy(z, y))
    show("ce_smooth_0.1", F.cross_entropy(z, y, label_smoothing=0.1))
    s = z[:, 0] * 3
    pm = torch.tensor([1.0, -1.0, -1.0, 1.0])
    show("logistic", F.soft_margin_loss(s, pm))
    show("mse", F.mse_loss(z, torch.cos(torch.arange(12, dtype=torch.float32)).reshape(4, 3)))
    # multi_margin_loss divides by the number of classes; the slides' hinge does not.
    show("hinge_times_classes", F.multi_margin_loss(z, y) * 3)


if __name__ == "__main__":
    print("# torch", torch.__version__)
    optimizer_steps()
    conv_forward()
    batch_norm()
    losses()
