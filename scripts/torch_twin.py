#!/usr/bin/python3
"""Train the PyTorch twin of an nnrun experiment config, to compare nnrun's test error with
PyTorch's on the same architecture and hyper-parameters.

Usage:
  /usr/bin/python3 scripts/torch_twin.py CONFIG.yaml [--set key.path=value ...] [--data DIR]
        [--threads 2] [--seed S] [--epochs E] [--max-batches N]

  --set     nnrun's override syntax: dotted path, 0-based list indices, value read as YAML
            (--set optimizer.lr=0.1, --set model.1.linear.out=256, --set schedule=constant,
            --set data.augment=none); an empty value unsets the key. Applied left to right.
  --data    dataset root (layout DIR/mnist/*-ubyte.gz, DIR/cifar-10-batches-bin/*.bin).
            Looked for in order: data.path of the config, --data, $NNRUN_DATA, ../shared/data
            (from the working directory, then from the repository root).
  --seed    overrides the config's seed; --epochs overrides train.epochs.
  --max-batches N   train on at most N batches per epoch (smoke tests only: the numbers then
            mean nothing for the comparison; the RESULT line says max_batches=N).

What is mapped (nnrun semantics, docs/config.md, docs/nn.md, docs/data.md):
  data: mnist | cifar10; normalize true (per-channel mean / population std of the training split
    after the validation hold-out, pixels in [0,1]) | false | {mean, std}; augment none |
    {crop: P, flip: bool} (zero padding in [0,1] pixel space, random crop, flip p=0.5, all before
    normalization); validation fraction (float) or count (int), held out by a seeded permutation.
  model: flatten, linear {out, bias, init}, conv2d {out, kernel, stride, padding (n, [h,w], same,
    valid), dilation, bias, init}, maxpool2d / avgpool2d {kernel, stride, padding} (avg counts
    padding, as PyTorch), global_avgpool, relu, tanh, sigmoid, leaky_relu {slope}, softmax,
    dropout {rate}, batchnorm1d / batchnorm2d {eps, momentum}; single-value shorthands
    (linear: 10, dropout: 0.3, leaky_relu: 0.2, maxpool2d: 2, avgpool2d: 2).
    Init: PyTorch default (torch.manual_seed(seed) before building), or nnrun's named inits.
  loss: cross_entropy {label_smoothing}, hinge {margin} (nnrun's sum over j != y, i.e. PyTorch's
    multi_margin_loss times C).
  optimizer: sgd, adam, adamw, rmsprop (torch.optim, same options), clip_norm (clip_grad_norm_).
  schedule: constant, step, multistep, exponential, cosine, plateau, with warmup_epochs; set once
    per epoch, closed forms copied from nnrun's Schedules (plateau observes the val loss, else
    the test loss, on evaluated epochs).
  train: epochs, batch_size, drop_last, eval_every, early_stopping {patience, metric}.
  Ignored (no effect on the numbers): device, checkpoint, train.log_every.
Not reproduced: nnrun's exact weights, batch order, crops and dropout masks (other RNGs).
"""
import argparse
import math
import os
import re
import sys
import time

try:
    import yaml
except ImportError:
    sys.exit("torch_twin: PyYAML is missing; install it with: apt-get install -y python3-yaml")
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


class ConfigError(Exception):
    pass


def fail(msg, code=2):
    print("torch_twin: error: " + msg, file=sys.stderr)
    sys.exit(code)


# ----------------------------------------------------------------------------- peers (readers)

def import_torch_ref():
    cands = [os.environ.get("NNRUN_PEERS"), os.path.join(REPO, "..", "shared", "peers"),
             "/work/shared/peers"]
    for d in cands:
        if d and os.path.isfile(os.path.join(d, "torch_ref.py")):
            sys.path.insert(0, os.path.abspath(d))
            import torch_ref  # noqa: E402
            return torch_ref
    fail("cannot find torch_ref.py (the IDX / CIFAR readers) in any of: %s; "
         "set NNRUN_PEERS to the folder that holds it" % ", ".join(c for c in cands if c), 3)


# ----------------------------------------------------------------------------- YAML 1.2 core

class CoreLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars (as nnrun's SnakeYAML setup): only
    true/false are booleans, 1e-3 and .5 are floats, 010 is ten; duplicate keys are errors."""


CoreLoader.yaml_implicit_resolvers = {}
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                 re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"),
                                 ["~", "n", "N", ""])


def _int(loader, node):
    v = loader.construct_scalar(node)
    if v.startswith("0o"):
        return int(v[2:], 8)
    if v.startswith("0x"):
        return int(v[2:], 16)
    return int(v, 10)


def _float(loader, node):
    v = loader.construct_scalar(node).lower()
    if v.endswith(".inf"):
        return -math.inf if v.startswith("-") else math.inf
    if v == ".nan":
        return math.nan
    return float(v)


def _bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


def _mapping(loader, node, deep=False):
    seen = {}
    for k, _ in node.value:
        key = loader.construct_object(k, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, "duplicate key %r" % (key,), k.start_mark)
        seen[key] = True
    return loader.construct_mapping(node, deep=deep)


CoreLoader.add_constructor("tag:yaml.org,2002:int", _int)
CoreLoader.add_constructor("tag:yaml.org,2002:float", _float)
CoreLoader.add_constructor("tag:yaml.org,2002:bool", _bool)


def _map_ctor(loader, node):
    data = {}
    yield data
    data.update(_mapping(loader, node, deep=True))


CoreLoader.add_constructor("tag:yaml.org,2002:map", _map_ctor)


def load_yaml(text, where):
    try:
        return yaml.load(text, Loader=CoreLoader)
    except yaml.YAMLError as e:
        raise ConfigError("%s: malformed YAML: %s" % (where, str(e).replace("\n", " ")))


# ----------------------------------------------------------------------------- --set

def apply_set(root, raw):
    if "=" not in raw:
        raise ConfigError("--set %s: malformed override, expected key.path=value" % raw)
    key, text = raw.split("=", 1)
    path = key.strip().split(".")
    if not key.strip() or "" in path:
        raise ConfigError("--set %s: malformed override, expected key.path=value" % raw)
    unset = text.strip() == ""
    value = None if unset else load_yaml(text, "--set " + raw)
    if root is None:
        root = {}
    node = root
    for depth, seg in enumerate(path):
        last = depth == len(path) - 1
        here = ".".join(path[:depth + 1])
        if isinstance(node, dict):
            if last:
                if unset:
                    node.pop(seg, None)
                else:
                    node[seg] = value
            else:
                nxt = node.get(seg)
                if nxt is None or nxt == "none":
                    nxt = node[seg] = {}
                node = nxt
        elif isinstance(node, list):
            if not re.fullmatch(r"[0-9]{1,9}", seg) or int(seg) >= len(node):
                raise ConfigError("--set %s: %s: no such entry: the list has %d entries (use 0..%d)"
                                  % (raw, here, len(node), len(node) - 1))
            i = int(seg)
            if last:
                node[i] = value
            else:
                if isinstance(node[i], str):  # bare block name: - relu
                    node[i] = {node[i]: {}}
                if isinstance(node[i], dict) and len(node[i]) == 1:
                    only = next(iter(node[i]))
                    if depth + 1 < len(path) and path[depth + 1] == only and node[i][only] is None:
                        node[i][only] = {}
                node = node[i]
        else:
            raise ConfigError("--set %s: %s is %r, which has no key %r; set the whole value instead"
                              % (raw, ".".join(path[:depth]) or "the config", node, seg))
    return root


# ----------------------------------------------------------------------------- config helpers

def check_keys(d, allowed, where):
    unknown = sorted(set(d) - set(allowed))
    if unknown:
        raise ConfigError("%s: unknown key(s) %s; valid keys: %s" % (where, ", ".join(unknown),
                                                                     ", ".join(sorted(allowed))))


def whole(v, where, lo=None):
    if isinstance(v, bool) or not (isinstance(v, int) or (isinstance(v, float) and v.is_integer())):
        raise ConfigError("%s: expected a whole number, got %r" % (where, v))
    v = int(v)
    if lo is not None and v < lo:
        raise ConfigError("%s: must be >= %d, got %d" % (where, lo, v))
    return v


def number(v, where):
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ConfigError("%s: expected a number, got %r" % (where, v))
    return float(v)


def boolean(v, where):
    if not isinstance(v, bool):
        raise ConfigError("%s: expected true or false, got %r" % (where, v))
    return v


def component(v, where, default_name=None):
    """name or {name, ...} -> (name, options)."""
    if v is None:
        return default_name, {}
    if isinstance(v, str):
        return v, {}
    if isinstance(v, dict):
        o = dict(v)
        name = o.pop("name", default_name)
        if name is None:
            raise ConfigError("%s: needs a name" % where)
        return name, o
    raise ConfigError("%s: expected a name or {name: ..., ...}, got %r" % (where, v))


class Opts:
    """A block's / component's options with nnrun-like checks."""

    def __init__(self, what, d):
        self.what, self.d, self.used = what, dict(d or {}), set()

    def get(self, key, default=None, kind=None, required=False):
        self.used.add(key)
        if key not in self.d or self.d[key] is None:
            if required:
                raise ConfigError("%s: option %r is required" % (self.what, key))
            return default
        v = self.d[key]
        w = "%s.%s" % (self.what, key)
        if kind == "int":
            return whole(v, w)
        if kind == "float":
            return number(v, w)
        if kind == "bool":
            return boolean(v, w)
        if kind == "pair":
            if isinstance(v, list):
                if len(v) != 2:
                    raise ConfigError("%s: expected a number or [height, width], got %r" % (w, v))
                return (whole(v[0], w), whole(v[1], w))
            n = whole(v, w)
            return (n, n)
        return v

    def done(self):
        unknown = sorted(set(self.d) - self.used)
        if unknown:
            raise ConfigError("%s: unknown option(s) %s; it takes: %s" % (
                self.what, ", ".join(unknown), ", ".join(sorted(self.used)) or "no options"))


# ----------------------------------------------------------------------------- model

SHORTHAND = {"linear": "out", "dropout": "rate", "leaky_relu": "slope", "maxpool2d": "kernel",
             "avgpool2d": "kernel"}


def init_layer(layer, init, what):
    if init in ("pytorch_default", "default"):
        return
    w = layer.weight
    fan_in = w.shape[1] * (w[0][0].numel() if w.dim() > 2 else 1)
    fan_out = w.shape[0] * (w[0][0].numel() if w.dim() > 2 else 1)
    with torch.no_grad():
        if init in ("kaiming_uniform", "he_uniform"):
            b = math.sqrt(6.0 / fan_in)
            w.uniform_(-b, b)
        elif init in ("kaiming_normal", "he_normal"):
            w.normal_(0, math.sqrt(2.0 / fan_in))
        elif init in ("xavier_uniform", "glorot_uniform"):
            b = math.sqrt(6.0 / (fan_in + fan_out))
            w.uniform_(-b, b)
        elif init in ("xavier_normal", "glorot_normal"):
            w.normal_(0, math.sqrt(2.0 / (fan_in + fan_out)))
        else:
            raise ConfigError("%s: unknown init %r" % (what, init))
        if layer.bias is not None:
            layer.bias.zero_()


def build_model(blocks, shape):
    if not isinstance(blocks, list) or not blocks:
        raise ConfigError("model: expected a non-empty list of blocks")
    layers = []
    for i, b in enumerate(blocks):
        if isinstance(b, str):
            name, opts = b, {}
        elif isinstance(b, dict) and len(b) == 1:
            name, opts = next(iter(b.items()))
            if opts is None:
                opts = {}
            elif not isinstance(opts, dict):
                if name not in SHORTHAND:
                    raise ConfigError("model.%d %s: takes no single value (got %r)" % (i, name, opts))
                opts = {SHORTHAND[name]: opts}
        else:
            raise ConfigError("model.%d: expected a block name or {name: options}, got %r "
                              "(options indented level with the name?)" % (i, b))
        what = "model.%d %s" % (i, name)
        o = Opts(what, opts)
        img, flat = len(shape) == 3, len(shape) == 1

        def need_img():
            if not img:
                raise ConfigError("%s: needs an image input CxHxW but gets %s; move flatten after it"
                                  % (what, "x".join(map(str, shape))))

        def need_flat():
            if not flat:
                raise ConfigError("%s: needs flat features but gets %s; add flatten before it"
                                  % (what, "x".join(map(str, shape))))

        if name == "linear":
            out = o.get("out", kind="int", required=True)
            bias = o.get("bias", True, "bool")
            init = o.get("init", "pytorch_default")
            need_flat()
            layer = nn.Linear(shape[0], out, bias=bias)
            init_layer(layer, init, what)
        elif name == "conv2d":
            out = o.get("out", kind="int", required=True)
            k = o.get("kernel", kind="pair", required=True)
            s = o.get("stride", (1, 1), "pair")
            dil = o.get("dilation", (1, 1), "pair")
            pad = o.get("padding")
            if pad is None or pad == "valid":
                p = (0, 0)
            elif pad == "same":
                if s != (1, 1):
                    raise ConfigError("%s: padding 'same' needs stride 1" % what)
                if any(dd * (kk - 1) % 2 for dd, kk in zip(dil, k)):
                    raise ConfigError("%s: padding 'same' needs an odd kernel" % what)
                p = tuple(dd * (kk - 1) // 2 for dd, kk in zip(dil, k))
            else:
                p = o.get("padding", kind="pair")
            bias = o.get("bias", True, "bool")
            init = o.get("init", "pytorch_default")
            need_img()
            layer = nn.Conv2d(shape[0], out, k, stride=s, padding=p, dilation=dil, bias=bias)
            init_layer(layer, init, what)
        elif name in ("maxpool2d", "avgpool2d"):
            k = o.get("kernel", kind="pair", required=True)
            s = o.get("stride", k, "pair")
            p = o.get("padding", (0, 0), "pair")
            need_img()
            if name == "maxpool2d":
                layer = nn.MaxPool2d(k, stride=s, padding=p)
            else:
                layer = nn.AvgPool2d(k, stride=s, padding=p, count_include_pad=True)
        elif name == "global_avgpool":
            need_img()
            layer = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())
        elif name == "flatten":
            layer = nn.Flatten()
        elif name == "relu":
            layer = nn.ReLU()
        elif name == "tanh":
            layer = nn.Tanh()
        elif name == "sigmoid":
            layer = nn.Sigmoid()
        elif name == "leaky_relu":
            layer = nn.LeakyReLU(o.get("slope", 0.01, "float"))
        elif name == "softmax":
            need_flat()
            layer = nn.Softmax(dim=1)
        elif name == "dropout":
            rate = o.get("rate", 0.5, "float")
            if not 0 <= rate < 1:
                raise ConfigError("%s: rate must be in [0, 1), got %g" % (what, rate))
            layer = nn.Dropout(rate)
        elif name in ("batchnorm1d", "batchnorm2d"):
            eps = o.get("eps", 1e-5, "float")
            mom = o.get("momentum", 0.1, "float")
            if name == "batchnorm1d":
                need_flat()
                layer = nn.BatchNorm1d(shape[0], eps=eps, momentum=mom)
            else:
                need_img()
                layer = nn.BatchNorm2d(shape[0], eps=eps, momentum=mom)
        else:
            raise ConfigError("%s: unknown or unsupported block %r" % (what, name))
        o.done()
        layer.eval()
        with torch.no_grad():
            y = layer(torch.zeros(2, *shape))
        shape = tuple(y.shape[1:])
        if any(n <= 0 for n in shape):
            raise ConfigError("%s: output shape %s is empty" % (what, shape))
        layers.append(layer)
    if len(shape) != 1:
        raise ConfigError("model: the last block must output flat class scores, got %s; add flatten "
                          "and a linear layer" % (shape,))
    return nn.Sequential(*layers), shape[0]


# ----------------------------------------------------------------------------- loss, optim, schedule

def make_loss(spec):
    name, opts = component(spec, "loss", "cross_entropy")
    o = Opts("loss " + name, opts)
    if name == "cross_entropy":
        ls = o.get("label_smoothing", 0.0, "float")
        if not 0 <= ls < 1:
            raise ConfigError("loss: label_smoothing must be in [0, 1), got %g" % ls)
        o.done()
        return lambda out, y, red="mean": F.cross_entropy(out, y, label_smoothing=ls, reduction=red)
    if name == "hinge":
        m = o.get("margin", 1.0, "float")
        o.done()

        def hinge(out, y, red="mean"):
            s = F.multi_margin_loss(out, y, margin=m, reduction="sum") * out.shape[1]
            return s / out.shape[0] if red == "mean" else s
        return hinge
    raise ConfigError("loss: %r is not supported by the twin (cross_entropy, hinge)" % name)


def make_optimizer(spec, params):
    if not isinstance(spec, dict):
        raise ConfigError("optimizer: expected {name: ..., lr: ...}, got %r" % (spec,))
    name, opts = component(spec, "optimizer", "sgd")
    o = Opts("optimizer " + name, opts)
    lr = o.get("lr", kind="float", required=True)
    if not lr > 0:
        raise ConfigError("optimizer.lr: must be > 0, got %g" % lr)
    clip = o.get("clip_norm", 0.0, "float")
    if name == "sgd":
        opt = torch.optim.SGD(params, lr=lr, momentum=o.get("momentum", 0.0, "float"),
                              dampening=o.get("dampening", 0.0, "float"),
                              weight_decay=o.get("weight_decay", 0.0, "float"),
                              nesterov=o.get("nesterov", False, "bool"))
    elif name in ("adam", "adamw"):
        betas = o.get("betas", [0.9, 0.999])
        if not (isinstance(betas, list) and len(betas) == 2):
            raise ConfigError("optimizer.betas: expected [b1, b2], got %r" % (betas,))
        cls = torch.optim.Adam if name == "adam" else torch.optim.AdamW
        opt = cls(params, lr=lr, betas=tuple(number(b, "optimizer.betas") for b in betas),
                  eps=o.get("eps", 1e-8, "float"),
                  weight_decay=o.get("weight_decay", 0.0 if name == "adam" else 0.01, "float"))
    elif name == "rmsprop":
        opt = torch.optim.RMSprop(params, lr=lr, alpha=o.get("alpha", 0.99, "float"),
                                  eps=o.get("eps", 1e-8, "float"),
                                  weight_decay=o.get("weight_decay", 0.0, "float"),
                                  momentum=o.get("momentum", 0.0, "float"),
                                  centered=o.get("centered", False, "bool"))
    else:
        raise ConfigError("optimizer: unknown optimizer %r (sgd, adam, adamw, rmsprop)" % name)
    o.done()
    return opt, lr, clip


class Schedule:
    """nnrun's Schedules: lr(e) per 0-based epoch, observe(e, metric) for plateau."""

    def __init__(self, spec, base, epochs):
        name, opts = component(spec, "schedule", "constant")
        o = Opts("schedule " + name, opts)
        self.warmup = o.get("warmup_epochs", 0, "int")
        if self.warmup < 0:
            raise ConfigError("schedule.warmup_epochs: must be >= 0")
        self.base, self.name, self.plateau_lr = base, name, base
        if name == "constant":
            self.f = lambda e: base
        elif name == "step":
            size = o.get("step_size", kind="int", required=True)
            g = o.get("gamma", 0.1, "float")
            if size < 1:
                raise ConfigError("schedule.step_size: must be at least 1")
            self.f = lambda e: base * g ** (e // size)
        elif name == "multistep":
            ms = o.get("milestones", [])
            if not isinstance(ms, list) or not ms:
                raise ConfigError("schedule multistep needs milestones, e.g. milestones: [30, 60]")
            ms = [whole(m, "schedule.milestones") for m in ms]
            g = o.get("gamma", 0.1, "float")
            self.f = lambda e: base * g ** sum(1 for m in ms if m <= e)
        elif name == "exponential":
            g = o.get("gamma", 0.95, "float")
            self.f = lambda e: base * g ** e
        elif name == "cosine":
            period = o.get("period", epochs - self.warmup, "int")
            mn = o.get("min_lr", 0.0, "float")
            if period < 1:
                raise ConfigError("schedule cosine: period must be at least 1, got %d" % period)
            self.f = lambda e: mn + (base - mn) * (1 + math.cos(math.pi * min(e, period) / period)) / 2
        elif name == "plateau":
            self.factor = o.get("factor", 0.1, "float")
            self.patience = o.get("patience", 10, "int")
            self.threshold = o.get("threshold", 1e-4, "float")
            self.cooldown = o.get("cooldown", 0, "int")
            self.min_lr = o.get("min_lr", 0.0, "float")
            if not 0 < self.factor < 1:
                raise ConfigError("schedule plateau: factor must be in (0, 1)")
            self.best, self.bad, self.cool = math.inf, 0, 0
            self.f = lambda e: self.plateau_lr
        else:
            raise ConfigError("schedule: unknown schedule %r (constant, step, multistep, exponential, "
                              "cosine, plateau)" % name)
        o.done()

    def lr(self, e):
        if e < self.warmup:
            return self.base * (e + 1) / (self.warmup + 1)
        return self.f(e - self.warmup)

    def observe(self, e, metric):
        if self.name != "plateau" or e < self.warmup:
            return
        if metric < self.best * (1 - self.threshold):
            self.best, self.bad = metric, 0
        else:
            self.bad += 1
        if self.cool > 0:
            self.cool -= 1
            self.bad = 0
        if self.bad > self.patience:
            self.plateau_lr = max(self.plateau_lr * self.factor, self.min_lr)
            self.cool, self.bad = self.cooldown, 0


# ----------------------------------------------------------------------------- data

def data_roots(cfg_path, cli):
    roots = []
    if cfg_path:
        roots.append((cfg_path, "data.path"))
    if cli:
        roots.append((cli, "--data"))
    if os.environ.get("NNRUN_DATA"):
        roots.append((os.environ["NNRUN_DATA"], "NNRUN_DATA"))
    roots.append((os.path.join("..", "shared", "data"), "../shared/data"))
    roots.append((os.path.join(REPO, "..", "shared", "data"), "../shared/data from the repo"))
    return roots


def find_file(dirs, name):
    for d in dirs:
        for n in (name, name[:-3] if name.endswith(".gz") else name + ".gz"):
            p = os.path.join(d, n)
            if os.path.isfile(p):
                return os.path.join(d, name)  # torch_ref's reader tries .gz / plain itself
    return None


def load_dataset(tr, dataset, roots):
    looked = []
    for root, why in roots:
        if dataset == "mnist":
            dirs = [os.path.join(root, "mnist"), root]
            names = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                     "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
        else:
            dirs = [tr.cifar_dir(root), root]
            names = ["data_batch_%d.bin" % i for i in range(1, 6)] + ["test_batch.bin"]
        paths = [find_file(dirs, n) for n in names]
        if all(paths):
            src = os.path.abspath(os.path.dirname(paths[0]))
            if dataset == "mnist":
                xtr = tr._read_idx(paths[0]).reshape(-1, 1, 28, 28)
                ytr = tr._read_idx(paths[1]).astype(np.int64)
                xte = tr._read_idx(paths[2]).reshape(-1, 1, 28, 28)
                yte = tr._read_idx(paths[3]).astype(np.int64)
            else:
                parts = [tr._read_cifar_bin(p) for p in paths[:5]]
                xtr = np.concatenate([p[0] for p in parts])
                ytr = np.concatenate([p[1] for p in parts])
                xte, yte = tr._read_cifar_bin(paths[5])
            if len(xtr) != len(ytr) or len(xte) != len(yte) or max(ytr.max(), yte.max()) > 9:
                fail("%s in %s: image/label counts differ or a label is outside 0..9" % (dataset, src), 3)
            return src, xtr, ytr, xte, yte
        looked.append("%s (%s)" % (root, why))
    fail("%s was not found. Looked in: %s. Use --data DIR or NNRUN_DATA." % (dataset, "; ".join(looked)), 3)


def channel_stats(x):
    """Per-channel mean and population std of uint8 images scaled to [0,1] (exact, via histograms)."""
    mean, std = [], []
    v = np.arange(256, dtype=np.float64) / 255.0
    for c in range(x.shape[1]):
        h = np.bincount(np.ascontiguousarray(x[:, c]).ravel(), minlength=256).astype(np.float64)
        n = h.sum()
        m = (h * v).sum() / n
        var = (h * (v - m) ** 2).sum() / n
        mean.append(m)
        std.append(math.sqrt(var))
    return mean, std


class Pipeline:
    """uint8 NCHW -> float [0,1] -> (augment) -> normalize."""

    def __init__(self, mean, std, crop, flip, gen):
        self.mean = None if mean is None else torch.tensor(mean, dtype=torch.float32).view(1, -1, 1, 1)
        self.std = None if std is None else torch.tensor(std, dtype=torch.float32).view(1, -1, 1, 1)
        self.crop, self.flip, self.gen = crop, flip, gen

    def __call__(self, xb, augment):
        x = xb.float().div_(255.0)
        if augment and self.crop > 0:
            n, c, h, w = x.shape
            p = self.crop
            xp = F.pad(x, (p, p, p, p))  # zeros = black, in [0,1] pixel space
            oy = torch.randint(0, 2 * p + 1, (n,), generator=self.gen)
            ox = torch.randint(0, 2 * p + 1, (n,), generator=self.gen)
            rows = (oy[:, None] + torch.arange(h)[None, :])[:, None, :, None]
            cols = (ox[:, None] + torch.arange(w)[None, :])[:, None, None, :]
            x = xp[torch.arange(n)[:, None, None, None], torch.arange(c)[None, :, None, None], rows, cols]
        if augment and self.flip:
            m = torch.rand(x.shape[0], generator=self.gen) < 0.5
            if m.any():
                x[m] = x[m].flip(3)
        if self.mean is not None:
            x = (x - self.mean) / self.std
        return x.contiguous()


# ----------------------------------------------------------------------------- main

def evaluate(model, loss_fn, pipe, x, y):
    model.eval()
    wrong, loss_sum = 0, 0.0
    with torch.no_grad():
        for i in range(0, x.shape[0], 1000):
            out = model(pipe(x[i:i + 1000], False))
            yy = y[i:i + 1000]
            loss_sum += loss_fn(out, yy, "sum").item()
            wrong += (out.argmax(1) != yy).sum().item()
    model.train()
    return loss_sum / x.shape[0], 100.0 * wrong / x.shape[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("config")
    ap.add_argument("--set", action="append", default=[], metavar="KEY.PATH=VALUE")
    ap.add_argument("--data", default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--epochs", type=int, default=None)
    ap.add_argument("--max-batches", type=int, default=0, help="smoke tests: at most N training batches per epoch")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    tr = import_torch_ref()
    print("torch %s | numpy %s | python %s | threads %d" % (torch.__version__, np.__version__,
                                                            sys.version.split()[0], torch.get_num_threads()))
    libs = tr.loaded_blas()
    for lib in libs:
        print("loaded lib: %s" % lib)
    if not any("openblas" in lib for lib in libs):
        print("WARNING: OpenBLAS is not loaded (reference BLAS is ~40x slower): "
              "apt-get install -y libopenblas0-openmp")
    sys.stdout.flush()

    # ---- config
    try:
        with open(a.config) as f:
            cfg = load_yaml(f.read(), a.config)
    except OSError as e:
        fail("cannot read %s: %s" % (a.config, e))
    try:
        if cfg is None:
            cfg = {}
        if not isinstance(cfg, dict):
            raise ConfigError("%s: expected a map at the top level" % a.config)
        for s in a.set:
            cfg = apply_set(cfg, s)
        if a.epochs is not None:
            cfg = apply_set(cfg, "train.epochs=%d" % a.epochs)
        if a.seed is not None:
            cfg["seed"] = a.seed
        check_keys(cfg, {"name", "seed", "data", "model", "loss", "optimizer", "schedule", "train",
                         "device", "checkpoint"}, "config")
        name = str(cfg.get("name") or os.path.splitext(os.path.basename(a.config))[0])
        seed = whole(cfg.get("seed", 0) if cfg.get("seed") is not None else 0, "seed")
        data = cfg.get("data")
        if not isinstance(data, dict):
            raise ConfigError("data: required, expected {dataset: ..., ...}")
        check_keys(data, {"dataset", "path", "normalize", "augment", "validation"},
                   "data (the twin supports mnist and cifar10, which take no other keys)")
        dataset = data.get("dataset")
        if dataset not in ("mnist", "cifar10"):
            raise ConfigError("data.dataset: %r is not supported by the twin (mnist, cifar10)" % (dataset,))
        channels = 1 if dataset == "mnist" else 3
        normalize = data.get("normalize", True)
        if normalize is None:
            normalize = True
        if isinstance(normalize, dict):
            check_keys(normalize, {"mean", "std"}, "data.normalize")
            mean, std = normalize.get("mean"), normalize.get("std")
            for k, v in (("mean", mean), ("std", std)):
                if not isinstance(v, list) or len(v) != channels:
                    raise ConfigError("data.normalize.%s: needs a list of %d value(s)" % (k, channels))
            mean = [number(v, "data.normalize.mean") for v in mean]
            std = [number(v, "data.normalize.std") for v in std]
            if min(std) <= 0:
                raise ConfigError("data.normalize.std: must be > 0")
        elif not isinstance(normalize, bool):
            raise ConfigError("data.normalize: expected true, false or {mean, std}, got %r" % (normalize,))
        aug = data.get("augment")
        crop, flip = 0, False
        if aug not in (None, "none"):
            if not isinstance(aug, dict):
                raise ConfigError("data.augment: expected none or {crop, flip}, got %r" % (aug,))
            check_keys(aug, {"crop", "flip"}, "data.augment")
            crop = whole(aug.get("crop", 0) or 0, "data.augment.crop", 0)
            flip = boolean(aug.get("flip", False), "data.augment.flip")
        val = data.get("validation", 0) or 0
        if isinstance(val, bool) or not isinstance(val, (int, float)):
            raise ConfigError("data.validation: expected a fraction or a count, got %r" % (val,))
        if isinstance(val, float) and not 0 <= val < 1:
            raise ConfigError("data.validation: a fraction must be in [0, 1), got %g" % val)
        train = cfg.get("train")
        if not isinstance(train, dict):
            raise ConfigError("train: required, expected {epochs: ...}")
        check_keys(train, {"epochs", "batch_size", "eval_every", "early_stopping", "drop_last", "log_every"}, "train")
        if train.get("epochs") is None:
            raise ConfigError("train.epochs: required, but not set")
        epochs = whole(train["epochs"], "train.epochs", 1)
        bs = whole(train.get("batch_size", 128), "train.batch_size", 1)
        eval_every = whole(train.get("eval_every", 1), "train.eval_every", 1)
        drop_last = boolean(train.get("drop_last", False), "train.drop_last")
        es = train.get("early_stopping")
        if es in (None, "none"):
            es = None
        else:
            if not isinstance(es, dict):
                raise ConfigError("train.early_stopping: expected none or {patience, metric}")
            check_keys(es, {"patience", "metric"}, "train.early_stopping")
            metrics = ["%s_%s" % (s, q) for s in ("val", "test", "train") for q in ("error", "loss")]
            es = (whole(es.get("patience", 5), "train.early_stopping.patience", 1), es.get("metric", "val_error"))
            if es[1] not in metrics:
                raise ConfigError("train.early_stopping.metric: %r, expected one of %s" % (es[1], ", ".join(metrics)))
            if es[1].startswith("val_") and not val:
                raise ConfigError("train.early_stopping.metric: %s needs data.validation > 0" % es[1])
        if cfg.get("model") is None:
            raise ConfigError("model: required, but not set")

        torch.manual_seed(seed)
        model, n_out = build_model(cfg["model"], (channels, 28, 28) if dataset == "mnist" else (channels, 32, 32))
        loss_fn = make_loss(cfg.get("loss"))
        opt, base_lr, clip = make_optimizer(cfg.get("optimizer"), model.parameters())
        sched = Schedule(cfg.get("schedule"), base_lr, epochs)
    except ConfigError as e:
        fail(str(e))
    if n_out < 10:
        fail("model: the last block outputs %d scores, the dataset has 10 classes" % n_out)

    # ---- data
    t0 = time.perf_counter()
    src, xtr, ytr, xte, yte = load_dataset(tr, dataset, data_roots(data.get("path"), a.data))
    xval = yval = None
    if val:
        n_val = int(val) if isinstance(val, int) else int(math.floor(val * len(xtr) + 0.5))
        if n_val >= len(xtr):
            fail("data.validation: holds out %d of %d training examples" % (n_val, len(xtr)))
        perm = np.random.RandomState(seed).permutation(len(xtr))
        vi, ti = np.sort(perm[:n_val]), np.sort(perm[n_val:])
        xval, yval, xtr, ytr = xtr[vi], ytr[vi], xtr[ti], ytr[ti]
    if normalize is True:
        mean, std = channel_stats(xtr)
    elif normalize is False:
        mean = std = None
    gen = torch.Generator().manual_seed(seed)
    aug_gen = torch.Generator().manual_seed(seed + 1)
    pipe = Pipeline(mean, std, crop, flip, aug_gen)
    T = lambda arr: torch.from_numpy(np.array(arr, order="C"))  # noqa: E731 (copy: writable)
    xtr, ytr, xte, yte = T(xtr), T(ytr), T(xte), T(yte)
    if xval is not None:
        xval, yval = T(xval), T(yval)
    print("data %s from %s: train %d%s, test %d (%.1f s); normalize %s; augment crop %d flip %s" % (
        dataset, src, len(xtr), ", val %d" % len(xval) if xval is not None else "", len(xte),
        time.perf_counter() - t0,
        "none" if mean is None else "mean [%s] std [%s]" % (", ".join("%.4f" % m for m in mean),
                                                             ", ".join("%.4f" % s for s in std)),
        crop, str(flip).lower()))
    n = len(xtr)
    nb = n // bs if drop_last else (n + bs - 1) // bs
    if nb == 0:
        fail("train.batch_size %d with drop_last leaves no batch of %d examples" % (bs, n))
    if a.max_batches > 0:
        nb = min(nb, a.max_batches)
    print("config %s: seed %d, %d params, epochs %d, batch %d (%d batches/epoch%s), optimizer %s, "
          "schedule %s (warmup %d), clip_norm %g" % (
              name, seed, sum(p.numel() for p in model.parameters()), epochs, bs, nb,
              ", LIMITED by --max-batches" if a.max_batches > 0 else "",
              {k: v for k, v in opt.defaults.items() if k in ("lr", "momentum", "weight_decay", "nesterov",
                                                                 "betas", "eps", "dampening", "alpha")},
              sched.name, sched.warmup, clip))
    print(model)
    sys.stdout.flush()

    # ---- train
    model.train()
    history, times = [], []
    watched_best, since = math.nan, 0
    epochs_run = 0
    for e in range(epochs):
        lr = sched.lr(e)
        for g in opt.param_groups:
            g["lr"] = lr
        perm = torch.randperm(n, generator=gen)
        loss_sum, wrong, seen = 0.0, 0, 0
        t0 = time.perf_counter()
        for b in range(nb):
            idx = perm[b * bs:(b + 1) * bs]
            x = pipe(xtr[idx], True)
            y = ytr[idx]
            out = model(x)
            loss = loss_fn(out, y)
            v = loss.item()
            if not math.isfinite(v):
                fail("loss became %s at epoch %d, batch %d (lr %.4g); lower optimizer.lr or add "
                     "optimizer.clip_norm" % (v, e + 1, b + 1, lr), 4)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            if clip > 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
            opt.step()
            loss_sum += v * len(idx)
            wrong += (out.argmax(1) != y).sum().item()
            seen += len(idx)
        t_train = time.perf_counter() - t0
        times.append(t_train)
        epochs_run = e + 1
        row = {"train": (loss_sum / seen, 100.0 * wrong / seen)}
        line = "epoch %d/%d train_loss %.4f train_err %.2f%%" % (e + 1, epochs, *row["train"])
        t1 = time.perf_counter()
        if (e + 1) % eval_every == 0 or e + 1 == epochs:
            if xval is not None:
                row["val"] = evaluate(model, loss_fn, pipe, xval, yval)
                line += " val_loss %.4f val_err %.2f%%" % row["val"]
            row["test"] = evaluate(model, loss_fn, pipe, xte, yte)
            line += " test_loss %.4f test_err %.2f%%" % row["test"]
            history.append((e + 1, row["test"][1]))
            sched.observe(e, row["val" if xval is not None else "test"][0])
        line += " lr %.4g time %.1fs (%.0f img/s) eval %.1fs" % (lr, t_train, seen / t_train,
                                                                 time.perf_counter() - t1)
        print(line)
        sys.stdout.flush()
        if es is not None:
            split, q = es[1].split("_")
            if split in row:
                wv = row[split][0 if q == "loss" else 1]
                if math.isnan(watched_best) or wv < watched_best:
                    watched_best, since = wv, 0
                else:
                    since += 1
                if since >= es[0]:
                    print("early stopping: %s has not improved for %d evaluations" % (es[1], since))
                    break

    final = history[-1][1]
    best_epoch, best = min(history, key=lambda t: (t[1], t[0]))
    print("RESULT twin config=%s epochs=%d final_test_err=%.2f best_test_err=%.2f best_epoch=%d "
          "mean_epoch_s=%.2f%s" % (name, epochs_run, final, best, best_epoch, sum(times) / len(times),
                                   " max_batches=%d" % a.max_batches if a.max_batches > 0 else ""))


if __name__ == "__main__":
    main()
