"""PyTorch reference for the dropout notebook's parts A-H: the same 93 000 training steps as
dlkit.nn.DropoutBench (the notebook's train_simple, unchanged), timed. Needs Debian's python3-torch.

    /usr/bin/python3 bench/dropout_torch.py      -> torch_steps=93000, torch_seconds=...
"""
import time

import torch
import torch.nn as nn


class Dropout(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, x):
        if self.training:
            mask = (torch.rand_like(x) > self.p).float()
            return x * mask / (1 - self.p)
        return x


def init_with_dropout(p):
    net = nn.Sequential(Dropout(p), nn.Linear(2, 1, bias=False))
    net.load_state_dict({k: v * 0 for k, v in net.state_dict().items()})
    return net


def train_simple(net, lr=.001, batch_size=1, itrs=1000, optim_class=torch.optim.SGD):
    optimizer = optim_class(net.parameters(), lr=lr)
    x = torch.FloatTensor([[10, 1]]).repeat(batch_size, 1)
    y = torch.FloatTensor([[11]]).repeat(batch_size, 1)
    losses = []
    for _ in range(itrs):
        y_hat = net(x)
        loss = nn.MSELoss()(y_hat, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def run():
    steps = 0
    for p, bs, itrs in ((0, 1, 1000), (0.5, 1, 1000), (0.5, 1024, 1000)):
        train_simple(init_with_dropout(p), batch_size=bs, itrs=itrs)
        steps += itrs
    for p in (0, .1, .3, .5, .7):
        train_simple(init_with_dropout(p), batch_size=1024, itrs=10000)
        steps += 10000
    for optim_class in (torch.optim.SGD, torch.optim.Adam):
        for p in (0, .5):
            train_simple(init_with_dropout(p), batch_size=1024, itrs=10000, optim_class=optim_class)
            steps += 10000
    return steps


if __name__ == "__main__":
    torch.manual_seed(0)
    train_simple(init_with_dropout(0.5), batch_size=1024, itrs=500)  # warm-up
    t = time.perf_counter()
    steps = run()
    print(f"torch_steps={steps}")
    print(f"torch_seconds={time.perf_counter() - t:.3f}")
    print(f"torch_threads={torch.get_num_threads()}")
