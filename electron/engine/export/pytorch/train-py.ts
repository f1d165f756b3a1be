/**
 * Writes `train.py`: the training loop for model.py with the graph's settings, as one process or
 * under DistributedDataParallel (gloo on CPU, nccl on GPU) with a DistributedSampler, each of N
 * processes taking BATCH_SIZE / N examples a step. Rank 0 writes metrics (JSON lines in the app's
 * format) and checkpoints (the format the export's own `checkpoint/` folder has, so a run continues
 * from either).
 */
import type { TrainingSettings } from '../../../../shared/graph/index';
import { pythonFloat } from './python-text';

function optimizerLine(o: TrainingSettings['optimizer']): string {
  switch (o.kind) {
    case 'adam': return `torch.optim.Adam(parameters, lr=${pythonFloat(o.learningRate)}, betas=(${pythonFloat(o.beta1)}, ${pythonFloat(o.beta2)}), eps=${pythonFloat(o.epsilon)})`;
    case 'sgd': return `torch.optim.SGD(parameters, lr=${pythonFloat(o.learningRate)}${o.momentum > 0 ? `, momentum=${pythonFloat(o.momentum)}` : ''})`;
    case 'rmsprop': return `torch.optim.RMSprop(parameters, lr=${pythonFloat(o.learningRate)}, alpha=${pythonFloat(o.decay)}, eps=${pythonFloat(o.epsilon)}${o.momentum > 0 ? `, momentum=${pythonFloat(o.momentum)}` : ''})`;
  }
}

export interface TrainPyOptions {
  readonly title: string;
  /** Total steps (the graph's duration in steps, or its epochs times the batches in one). */
  readonly steps: number;
  readonly training: TrainingSettings;
}

/** train.py for a model.py written by `writeModelPy`. */
export function writeTrainPy(o: TrainPyOptions): string {
  const t = o.training;
  return `"""Trains the model of model.py (${o.title.replace(/"""/g, "'''")}).

One process:   python3 train.py [--device auto|cpu|cuda] [--steps N] [--out DIR]
N processes:   torchrun --nproc_per_node=N train.py
               (or start each process yourself with RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and
               MASTER_PORT set, as cluster schedulers do).

Under N processes each takes BATCH_SIZE / N examples of every step and DistributedDataParallel
averages their gradients, so the model takes the same steps as one process with BATCH_SIZE.
Process 0 writes metrics.jsonl, evals.jsonl and checkpoint/ into the output folder.
"""
import argparse
import json
import os
import time
from pathlib import Path

import numpy as np
import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import BatchSampler, DataLoader, DistributedSampler

from model import SAMPLES, Model, objective

SEED = ${t.seed}
BATCH_SIZE = ${t.batchSize}  # examples per step, over all processes
STEPS = ${o.steps}
EVAL_EVERY = ${t.evalEvery}
REPORT_EVERY = 10
CHECKPOINT_EVERY = 500
EVAL_BATCH = 1000

HERE = Path(__file__).resolve().parent


def make_optimizer(parameters):
    return ${optimizerLine(t.optimizer)}


def seed_of(*parts):
    """A seed derived from several integers (the run's seed, a step, a purpose)."""
    return int(np.random.SeedSequence(list(parts)).generate_state(1)[0])


class Columns(torch.utils.data.Dataset):
    """A data split saved as an .npz file, one array per column; indexed by a list of rows at once."""

    def __init__(self, path):
        with np.load(path) as arrays:
            # Class indices (int64) stay integers; pixels, counts and values become floats.
            self.columns = {
                name: torch.from_numpy(arrays[name]) if arrays[name].dtype == np.int64 else torch.from_numpy(arrays[name]).float()
                for name in arrays.files
            }
        self.length = len(next(iter(self.columns.values())))

    def __len__(self):
        return self.length

    def __getitem__(self, rows):
        return {name: column[rows] for name, column in self.columns.items()}


class Noise:
    """Standard normal noise for one step, the same whatever the number of processes.

    A step's draws are made for the whole batch from a generator seeded by (seed, step); a
    process keeps the rows of its own examples. DistributedSampler deals the j-th example of a
    step to process j mod N, so process r keeps rows r, r + N, r + 2N, ... of each sample.
    """

    def __init__(self, seed, rank, world_size, device, samples=SAMPLES):
        self.generator = torch.Generator().manual_seed(seed)
        self.rank, self.world_size, self.device, self.samples = rank, world_size, device, samples

    def normal(self, shape):
        rows, *rest = shape
        per_sample = rows // self.samples
        draws = torch.randn((self.samples, per_sample * self.world_size, *rest), generator=self.generator)
        return draws[:, self.rank :: self.world_size].reshape(shape).to(self.device)


def repeat_rows(batch, times):
    """The batch stacked \`times\` times (one copy per sample of the latents)."""
    return batch if times == 1 else {name: column.repeat(times, *[1] * (column.dim() - 1)) for name, column in batch.items()}


def summary(terms):
    """The reported numbers of a pass: the ELBO, its reconstruction term and each KL, per row."""
    reconstruction = sum(terms["log_likelihood"].values())
    kl = {name: value.sum(-1) for name, value in terms["kl"].items()}
    elbo = reconstruction - sum(kl.values()) if kl else reconstruction
    return elbo, reconstruction, kl


def start_processes(device_choice):
    """Joins the process group when started as one of several processes; returns (rank, world size, device)."""
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    local_rank = int(os.environ.get("LOCAL_RANK", os.environ.get("RANK", "0")))
    cuda = device_choice == "cuda" or (device_choice == "auto" and torch.cuda.is_available())
    device = torch.device(f"cuda:{local_rank}" if cuda else "cpu")
    if cuda:
        torch.cuda.set_device(device)
    if world_size > 1:
        dist.init_process_group(backend="nccl" if cuda else "gloo")
    rank = dist.get_rank() if world_size > 1 else 0
    return rank, world_size, device


def mean_over_processes(values, world_size):
    """The mean of each number over the processes (each holds the mean over its own examples)."""
    flat = torch.stack(values).detach()
    if world_size > 1:
        dist.all_reduce(flat)
        flat /= world_size
    return flat.tolist()


def load_checkpoint(folder, model, optimizer):
    """Loads weights and optimiser state saved by save_checkpoint (or by the export); returns its step."""
    folder = Path(folder)
    state = json.loads((folder / "state.json").read_text())
    with np.load(folder / "model.npz") as weights:
        model.load_state_dict({name: torch.from_numpy(weights[name]) for name in weights.files})
    parameters = dict(model.named_parameters())
    with np.load(folder / "optimizer.npz") as slots:
        for key in slots.files:
            name, slot = key.rsplit(".", 1)
            parameter = parameters[name]
            optimizer.state[parameter][slot] = torch.from_numpy(slots[key]).to(parameter.device)
    for parameter in parameters.values():
        if optimizer.state[parameter]:
            optimizer.state[parameter]["step"] = torch.tensor(float(state["optimizerStep"]))
    return state["step"]


def save_checkpoint(folder, model, optimizer, step):
    """Writes weights and optimiser state (NumPy archives, the names of model.state_dict()) atomically."""
    folder = Path(folder)
    tmp = folder.with_name(folder.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    np.savez(tmp / "model.npz", **{name: value.detach().cpu().numpy() for name, value in model.state_dict().items()})
    slots, optimizer_step = {}, 0
    for name, parameter in model.named_parameters():
        for slot, value in optimizer.state[parameter].items():
            if slot == "step":
                optimizer_step = int(value)
            else:
                slots[f"{name}.{slot}"] = value.detach().cpu().numpy()
    np.savez(tmp / "optimizer.npz", **slots)
    state = {"format": "latent-studio.pytorch-checkpoint", "step": step, "optimizerStep": optimizer_step, "seed": SEED}
    (tmp / "state.json").write_text(json.dumps(state, indent=2) + "\\n")
    if folder.exists():
        old = folder.with_name(folder.name + ".old")
        folder.rename(old)
        tmp.rename(folder)
        for file in old.iterdir():
            file.unlink()
        old.rmdir()
    else:
        tmp.rename(folder)


@torch.no_grad()
def evaluate(model, data, step, device):
    """The mean ELBO (and classifier accuracies) over a whole split, with fixed noise."""
    model.eval()
    total, accuracy, count = 0.0, {}, 0
    for start in range(0, len(data), EVAL_BATCH):
        batch = {name: column.to(device) for name, column in data[slice(start, start + EVAL_BATCH)].items()}
        rows = len(next(iter(batch.values())))
        terms = model(batch, Noise(seed_of(SEED, step, start, 1), 0, 1, device, samples=1))
        total += summary(terms)[0].sum().item()
        for name, correct in terms["accuracy"].items():
            accuracy[name] = accuracy.get(name, 0.0) + correct.sum().item()
        count += rows
    model.train()
    return {"step": step, "valElbo": total / count, "valAccuracy": {name: value / count for name, value in accuracy.items()}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto")
    parser.add_argument("--steps", type=int, default=STEPS, help="train until this step")
    parser.add_argument("--out", type=Path, default=HERE / "run", help="where metrics and checkpoints go")
    parser.add_argument("--resume", type=Path, default=HERE / "checkpoint",
                        help="checkpoint to start from (the export's own holds the app's weights)")
    args = parser.parse_args()

    rank, world_size, device = start_processes(args.device)
    if BATCH_SIZE % world_size != 0:
        raise SystemExit(f"BATCH_SIZE ({BATCH_SIZE}) must be a multiple of the number of processes ({world_size})")
    torch.manual_seed(SEED)
    model = Model().to(device)
    optimizer = make_optimizer(model.parameters())
    step = load_checkpoint(args.resume, model, optimizer) if (args.resume / "state.json").exists() else 0
    net = DistributedDataParallel(model) if world_size > 1 else model

    train = Columns(HERE / "data" / "train.npz")
    held_out = Columns(HERE / "data" / "held_out.npz")
    sampler = DistributedSampler(train, num_replicas=world_size, rank=rank, shuffle=True, seed=SEED, drop_last=True)
    batches = DataLoader(train, sampler=BatchSampler(sampler, BATCH_SIZE // world_size, drop_last=True), batch_size=None)

    if rank == 0:
        args.out.mkdir(parents=True, exist_ok=True)
        metrics = open(args.out / "metrics.jsonl", "a")
        evals = open(args.out / "evals.jsonl", "a")
    sums, since, started = None, 0, time.perf_counter()
    while step < args.steps:
        sampler.set_epoch(step // len(batches))
        for index, batch in enumerate(batches):
            if index < step % len(batches):
                continue  # resuming part-way through an epoch
            batch = repeat_rows({name: column.to(device) for name, column in batch.items()}, SAMPLES)
            terms = net(batch, Noise(seed_of(SEED, step, 0), rank, world_size, device))
            loss, extra = objective(terms, step)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1

            elbo, reconstruction, kl = summary(terms)
            values = [elbo.mean(), reconstruction.mean(), *(v.mean() for v in kl.values()), *extra.values()]
            sums = [v.detach() for v in values] if sums is None else [s + v.detach() for s, v in zip(sums, values)]
            since += 1
            if step % REPORT_EVERY == 0 or step == args.steps:
                means = mean_over_processes([s / since for s in sums], world_size)
                if rank == 0:
                    now = time.perf_counter()
                    record = {
                        "step": step, "totalSteps": args.steps, "elbo": means[0], "reconstruction": means[1],
                        "kl": dict(zip(kl, means[2:2 + len(kl)])),
                        "learningRate": optimizer.param_groups[0]["lr"], "stepsPerSec": since / (now - started),
                    }
                    if extra:
                        record["scalars"] = dict(zip(extra, means[2 + len(kl):]))
                    metrics.write(json.dumps(record) + "\\n")
                    metrics.flush()
                    started = now
                sums, since = None, 0
            if rank == 0 and (step % EVAL_EVERY == 0 or step == args.steps):
                evals.write(json.dumps(evaluate(model, held_out, step, device)) + "\\n")
                evals.flush()
            if rank == 0 and (step % CHECKPOINT_EVERY == 0 or step == args.steps):
                save_checkpoint(args.out / "checkpoint", model, optimizer, step)
            if step >= args.steps:
                break
    if world_size > 1:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
}
