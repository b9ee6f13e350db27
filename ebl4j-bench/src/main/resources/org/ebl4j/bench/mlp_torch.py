"""PyTorch side of `ebl4j bench mlp` (driven by org.ebl4j.bench.MlpBench).

Builds the same MLP training step as the Java side -- Linear(in, hidden), ReLU, Linear(hidden, classes),
cross-entropy, SGD with momentum, forward + backward + update on one synthetic mini-batch -- warms it up, prints
"ready <torch version> <threads>", then serves commands from stdin, one per line:
  round K  -> runs K steps and prints "ms <milliseconds per step>"
  quit     -> exits
"""
import argparse
import sys
import time

import torch
import torch.nn.functional as F


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--inputs", type=int, default=784)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--warmup", type=int, default=50)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    model = torch.nn.Sequential(torch.nn.Linear(a.inputs, a.hidden), torch.nn.ReLU(),
                                torch.nn.Linear(a.hidden, a.classes))
    opt = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=a.momentum)
    x = torch.rand(a.batch, a.inputs)
    y = torch.randint(0, a.classes, (a.batch,))

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()

    for _ in range(a.warmup):
        step()
    print("ready", torch.__version__, torch.get_num_threads(), flush=True)
    for line in sys.stdin:
        cmd = line.split()
        if not cmd or cmd[0] == "quit":
            break
        if cmd[0] != "round":
            print("error unknown command", line.strip(), flush=True)
            continue
        k = int(cmd[1])
        t0 = time.perf_counter()
        for _ in range(k):
            step()
        print("ms", (time.perf_counter() - t0) * 1000.0 / k, flush=True)


if __name__ == "__main__":
    main()
