/** Writes the README.md of a PyTorch export: what it holds and how to run it on one CPU, one GPU and N processes. */

export interface ReadmeOptions {
  readonly title: string;
  readonly source: string;
  readonly appVersion: string;
  readonly steps: number;
  readonly batchSize: number;
  readonly trainExamples: number;
  readonly heldOutExamples: number;
  /** The step of the run's checkpoint it continues from, or null for the graph's initial weights. */
  readonly fromStep: number | null;
}

export function writeReadme(o: ReadmeOptions): string {
  const start = o.fromStep === null
    ? 'the initial weights Latent Studio draws for this graph and seed (so both start from the same place)'
    : `the weights and optimiser state of the run at step ${o.fromStep}, so training continues where the app stopped`;
  return `# ${o.title}, in PyTorch

Exported by Latent Studio ${o.appVersion} from \`${o.source}\`.

- \`model.py\`: the model (networks as \`nn.Module\`s, distributions from \`torch.distributions\`) and its objective.
- \`train.py\`: the training loop with the graph's settings (${o.steps} steps of ${o.batchSize} examples); metrics as JSON lines in the app's format.
- \`data/\`: the training split (${o.trainExamples} examples) and the held-out split (${o.heldOutExamples}) as NumPy archives, the app's own splits. Nothing is downloaded.
- \`checkpoint/\`: ${start}. \`train.py\` starts from it (\`--resume\` names another).

Requires Python 3 with PyTorch (1.13 or later) and NumPy.

## One CPU or one GPU

    python3 train.py                  # a GPU when there is one, else the CPU
    python3 train.py --device cpu
    python3 train.py --device cuda --steps 10000

Metrics go to \`run/metrics.jsonl\` (one line per 10 steps: ELBO, reconstruction, KL per latent, steps per second), held-out evaluations to \`run/evals.jsonl\`, checkpoints to \`run/checkpoint/\` (\`--out\` names another folder).

## N processes (DistributedDataParallel)

    torchrun --nproc_per_node=4 train.py                 # 4 processes on this machine
    torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --master_port=29500 --nproc_per_node=8 train.py

Any scheduler that sets \`RANK\`, \`WORLD_SIZE\`, \`LOCAL_RANK\`, \`MASTER_ADDR\` and \`MASTER_PORT\` for each process works too. Processes talk over gloo on CPUs and nccl on GPUs. Each takes ${o.batchSize} / N examples of every step (N must divide ${o.batchSize}) through a \`DistributedSampler\`, and gradients are averaged, so N processes take the same steps as one: the same data order, and the same noise (drawn for the whole batch and shared out), up to floating-point rounding. Process 0 writes the metrics and checkpoints.

Free bits per dimension, if the objective uses them, are applied to each process's own batch mean, which makes N processes differ slightly from one.

## Back to Latent Studio

The checkpoint folder that \`train.py\` writes holds the weights under \`model.state_dict()\`'s names (\`model.npz\`), the optimiser's state (\`optimizer.npz\`) and the step (\`state.json\`).
`;
}
