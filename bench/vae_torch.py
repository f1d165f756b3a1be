"""PyTorch twin of bench/handwritten-vae.ts: the yardstick for speed and ELBO.

Binarized-MNIST VAE: encoder 784->400 ReLU -> loc (20) and scale (20, softplus);
z = loc + scale * eps; decoder 20->400 ReLU -> 784 logits; Bernoulli log-likelihood from
logits; closed-form KL to N(0, I); Adam 1e-3; batch 128; pixels binarized once at > 127;
DataLoader shuffling every epoch (last batch partial). nn.Linear default initialisation.

Prints ONE JSON line: {"stepsPerSec", "elbo", "threads", "torch", "blas"}; "elbo" is the mean
per-example training ELBO over the last 10% of steps (at least the last 100 when available),
steps/s excludes the first min(10, steps // 10) warm-up steps (same definitions as the TS twin).
If torch cannot be imported it prints {"skipped": reason} and exits with status 3.
"""
import argparse
import json
import math
import os
import struct
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    parser.add_argument("--data-dir", required=True, help="directory with train-images-idx3-ubyte")
    parser.add_argument("--batch-size", type=int, default=128)
    return parser.parse_args()


def load_binarized(torch, data_dir):
    with open(os.path.join(data_dir, "train-images-idx3-ubyte"), "rb") as f:
        raw = f.read()
    magic, count, rows, cols = struct.unpack(">IIII", raw[:16])
    if magic != 2051:
        raise ValueError(f"not an IDX image file (magic {magic})")
    pixels = torch.frombuffer(bytearray(raw[16:16 + count * rows * cols]), dtype=torch.uint8)
    return (pixels.view(count, rows * cols) > 127).float()


def build(torch):
    nn = torch.nn
    F = torch.nn.functional

    class Vae(nn.Module):
        def __init__(self, dim=784, hidden=400, latent=20):
            super().__init__()
            self.enc = nn.Linear(dim, hidden)
            self.loc = nn.Linear(hidden, latent)
            self.scale = nn.Linear(hidden, latent)
            self.dec = nn.Linear(latent, hidden)
            self.out = nn.Linear(hidden, dim)

        def elbo(self, x):
            """Per-example ELBO of the batch x (one reparameterised sample)."""
            h = F.relu(self.enc(x))
            mu = self.loc(h)
            sigma = F.softplus(self.scale(h))
            z = mu + sigma * torch.randn_like(mu)
            logits = self.out(F.relu(self.dec(z)))
            log_lik = (x * logits - F.softplus(logits)).sum(1)
            kl = 0.5 * (mu.pow(2) + sigma.pow(2) - 1 - 2 * torch.log(sigma)).sum(1)
            return log_lik - kl

    return Vae()


def main():
    args = parse_args()
    try:
        import torch
        from torch.utils.data import DataLoader, TensorDataset
    except ImportError as err:  # reported, not raised: the caller shows why the twin was skipped
        print(json.dumps({"skipped": f"torch is not importable: {err}"}))
        sys.exit(3)

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    data = load_binarized(torch, args.data_dir)
    loader = DataLoader(TensorDataset(data), batch_size=args.batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(args.seed))
    model = build(torch)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    steps = args.steps
    warm = min(10, steps // 10)
    window = min(steps, max(100, math.ceil(steps / 10)))
    total, step, start = 0.0, 0, time.perf_counter()
    while step < steps:
        for (x,) in loader:
            if step == warm:
                start = time.perf_counter()
            loss = -model.elbo(x).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step >= steps - window:
                total += -loss.item()
            step += 1
            if step == steps:
                break
    seconds = time.perf_counter() - start
    print(json.dumps({
        "stepsPerSec": (steps - warm) / seconds,
        "elbo": total / window,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "blas": blas_in_use(),
    }))


def blas_in_use():
    """The BLAS this process runs on: the libblas the loader mapped (Debian's alternatives pick it:
    the reference BLAS, or OpenBLAS once libopenblas0-pthread is installed), else what
    torch.__config__.show() says it was built with (a wheel's own MKL or OpenBLAS)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    except OSError:
        paths = set()
    for path in sorted(paths):
        real = os.path.realpath(path)
        if "openblas" in real.lower():
            return f"OpenBLAS ({real})"
        if "/blas/" in real:
            return f"reference BLAS ({real})"
    import torch
    built = [part.split("=", 1)[1] for part in torch.__config__.show().replace(",", " ").split() if part.startswith("BLAS_INFO=")]
    return f"{built[0] if built else 'unknown'} (as built)"


if __name__ == "__main__":
    main()
