"""PyTorch reference for notebooks/EdgeDetection.ipynb: the Sp25 homework's experiments (Q1-Q7) at the notebook's
full settings, in the original's code (EdgeDetectionDataset, SimpleCNN, ThreeLayerMLP, train_one_epoch, evaluate,
train_model as in spec section 2.2), timed per section. Needs Debian's python3-torch and scipy.

    /usr/bin/python3 bench/edges_torch.py [--threads 2] [--scale 1.0]

--scale multiplies every epoch count (0.1 for a quick look). Prints one `torch_<section>_seconds=` line per
section, `torch_seconds=` (total) and the final validation accuracies, in the same form as dlkit.edges.EdgeBench.
The experiments are those of the DLKit notebook: Q1 500 epochs; Q2 30 epochs (CNN, MLP, frozen edge-init CNN);
Q3 100 epochs with validation every epoch; Q4 300 epochs (+ the tuned k = 3 CNN at 10 images); Q5 300; Q6 200
(max-pool CNN, MLP, avg-pool CNN); Q7 200 epochs of Adam(3e-3) for WiderCNN and DeeperCNN at 30 images per class.
"""
import argparse
import random
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from scipy.ndimage import rotate
from torch.utils.data import DataLoader, Dataset

SIZES = [10, 30, 50, 100]
THREE = ["horizontal", "vertical", "none"]
FIVE = ["horizontal", "vertical", "diagonal", "both", "none"]


def set_seed(s):
    random.seed(s)
    np.random.seed(s)
    torch.manual_seed(s)


class EdgeDetectionDataset(Dataset):
    """The Sp25 generator (spec 2.2): one global NumPy RNG, class by class, uint8 quantisation with wrap."""

    def __init__(self, cfg, mode="train"):
        self.n = cfg.get("data_per_class", 1000)
        self.class_type = cfg.get("class_type", THREE)
        self.ratio = cfg.get("possible_edge_location_ratio", 1.0)
        self.perm = cfg.get("permutater")
        self.mode = mode
        xs, ys = [], []
        for i, c in enumerate(self.class_type):
            x = getattr(self, "_" + c)()
            if self.perm is not None:
                x = x.reshape(self.n, 784, 1)[:, self.perm, :].reshape(self.n, 28, 28, 1)
            xs.append(x)
            ys.append(np.full(self.n, i, dtype=np.int64))
        x = np.concatenate(xs)
        self.x = torch.from_numpy((x * 255).astype(np.int64).astype(np.uint8).astype(np.float32) / 255).permute(
            0, 3, 1, 2).contiguous()
        self.y = torch.from_numpy(np.concatenate(ys))

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i]

    def _background(self):
        return np.ones((self.n, 28, 28, 1)) * np.random.uniform(0, 0.2, size=(self.n, 1, 1, 1))

    def _location(self, num_edge, max_w=4):
        w = np.random.randint(1, max_w + 1, size=(self.n, num_edge))
        if self.ratio < 1:
            half = int(self.ratio * 28)
            if self.mode == "train":
                start = np.random.randint(0, half - w)
                end = np.clip(start + w, 0, half - 1)
            else:
                start = np.random.randint(half, 28 - w)
                end = np.clip(start + w, half, 27)
        else:
            start = np.random.randint(0, 28 - w)
            end = np.clip(start + w, 0, 27)
        return start, end

    def _intensity(self, num_edge):
        return np.random.uniform(0.25, 1, size=(self.n, num_edge))

    def _horizontal(self):
        x = self._background()
        s, e = self._location(1)
        v = self._intensity(1)
        for i in range(self.n):
            x[i, s[i, 0]:e[i, 0], :, :] = v[i, 0]
        return x

    def _vertical(self):
        x = self._background()
        s, e = self._location(1)
        v = self._intensity(1)
        for i in range(self.n):
            x[i, :, s[i, 0]:e[i, 0], :] = v[i, 0]
        return x

    def _both(self):
        x = self._background()
        s, e = self._location(2)
        v = self._intensity(2)
        for i in range(self.n):
            x[i, s[i, 0]:e[i, 0], :, :] = v[i, 0]
            x[i, :, s[i, 0]:e[i, 0], :] = v[i, 1]
        return x

    def _diagonal(self):
        x = self._background()
        bg = x[:, 0, 0, 0].copy()
        s, e = self._location(1, max_w=int(4 / np.sqrt(2)))
        v = self._intensity(1)
        angle = np.random.choice([30, 45, 120, 135], size=(self.n, 1))
        for i in range(self.n):
            if i % 2 == 0:
                x[i, s[i, 0]:e[i, 0], :, :] = v[i, 0]
            else:
                x[i, :, s[i, 0]:e[i, 0], :] = v[i, 0]
            x[i] = rotate(x[i], angle[i, 0], reshape=False, mode="constant", cval=bg[i])
        return x

    def _none(self):
        return self._background()


class SimpleCNN(nn.Module):
    def __init__(self, num_filters=3, kernel_size=2, num_classes=3, pool=nn.MaxPool2d):
        super().__init__()
        p = (kernel_size - 1) // 2
        self.conv1 = nn.Conv2d(1, num_filters, kernel_size, padding=p, padding_mode="reflect")
        self.pool = pool(2, 2)
        self.conv2 = nn.Conv2d(num_filters, num_filters, kernel_size, padding=p, padding_mode="reflect")
        self.fc = nn.Linear(num_filters, num_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = F.adaptive_avg_pool2d(F.relu(self.conv2(x)), 1).squeeze()
        return self.fc(x)


class DeeperCNN(nn.Module):
    def __init__(self, num_filters=3, kernel_size=7, num_classes=5):
        super().__init__()
        p = (kernel_size - 1) // 2
        conv = lambda i: nn.Conv2d(i, num_filters, kernel_size, padding=p, padding_mode="reflect")
        self.conv1, self.conv2, self.conv3, self.conv4 = conv(1), conv(num_filters), conv(num_filters), conv(
            num_filters)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc = nn.Linear(num_filters, num_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.conv2(F.relu(self.conv1(x)))))
        x = F.relu(self.conv4(F.relu(self.conv3(x))))
        return self.fc(F.adaptive_avg_pool2d(x, 1).squeeze())


class ThreeLayerMLP(nn.Module):
    def __init__(self, hidden_dims=(50, 10), num_classes=3, seed=7):
        super().__init__()
        torch.manual_seed(seed)
        self.fc1 = nn.Linear(784, hidden_dims[0])
        self.fc2 = nn.Linear(hidden_dims[0], hidden_dims[1])
        self.fc3 = nn.Linear(hidden_dims[1], num_classes)

    def forward(self, x):
        x = torch.flatten(x, 1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


def init_edge_and_freeze(model):
    k = model.conv1.weight.shape[-1]
    h = torch.zeros(k, k)
    h[2, :] = 1
    h[3, :] = -1
    w = torch.stack([h, h.t(), model.conv1.weight[0, 0].detach()]).view(3, 1, k, k)
    model.conv1.weight = nn.Parameter(w)
    model.conv2.weight = nn.Parameter(torch.cat([w] * 3, dim=1))
    model.conv1.bias = nn.Parameter(torch.zeros(3))
    model.conv2.bias = nn.Parameter(torch.zeros(3))
    for name, p in model.named_parameters():
        if name.startswith("conv"):
            p.requires_grad = False
    return model


def train_one_epoch(model, optimizer, criterion, loader):
    model.train()
    loss_sum, correct = 0.0, 0
    for x, y in loader:
        out = model(x)
        loss = criterion(out, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss_sum += loss.item()
        correct += (out.argmax(1) == y).sum().item()
    return loss_sum / len(loader.dataset), 100.0 * correct / len(loader.dataset)


def evaluate(model, criterion, loader):
    model.eval()
    loss_sum, correct = 0.0, 0
    preds, labels = [], []
    with torch.no_grad():
        for x, y in loader:
            out = model(x)
            loss_sum += criterion(out, y).item()
            p = out.argmax(1)
            correct += (p == y).sum().item()
            preds.append(p)
            labels.append(y)
    p, y = torch.cat(preds), torch.cat(labels)
    c = int(max(p.max(), y.max())) + 1
    cm = np.zeros((c, c), dtype=int)
    for t, q in zip(y.tolist(), p.tolist()):
        cm[t, q] += 1
    return loss_sum / len(loader.dataset), 100.0 * correct / len(loader.dataset), cm


def train_model(model, optimizer, epochs, train_loader, valid_loader=None):
    crit = nn.CrossEntropyLoss()
    acc, cm = float("nan"), None
    for _ in range(epochs):
        train_one_epoch(model, optimizer, crit, train_loader)
        if valid_loader is not None:
            _, acc, cm = evaluate(model, crit, valid_loader)
    return acc, cm


def sgd(model, lr=1e-2):
    return optim.SGD([p for p in model.parameters() if p.requires_grad], lr=lr, momentum=0.9)


def loaders(n_list, valid_batch, valid_shuffle=False, **cfg):
    train = {n: DataLoader(EdgeDetectionDataset(dict(data_per_class=n, **cfg), "train"), batch_size=10,
                           shuffle=True) for n in n_list}
    valid = DataLoader(EdgeDetectionDataset(dict(data_per_class=50, **cfg), "valid"), batch_size=valid_batch,
                       shuffle=valid_shuffle)
    return train, valid


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--scale", type=float, default=1.0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    ep = lambda e: max(1, int(round(e * a.scale)))
    crit = nn.CrossEntropyLoss()
    seed = 10
    times, acc = {}, {}
    total = time.perf_counter()

    t = time.perf_counter()
    set_seed(seed)
    small = DataLoader(EdgeDetectionDataset(dict(data_per_class=10)), batch_size=32, shuffle=True)
    cnn, mlp = SimpleCNN(kernel_size=7), ThreeLayerMLP()
    for m in (cnn, mlp):
        train_model(m, sgd(m), ep(500), small)
    acc["q1"] = "CNN %.1f MLP %.1f" % (evaluate(cnn, crit, small)[1], evaluate(mlp, crit, small)[1])
    times["q1"] = time.perf_counter() - t

    t = time.perf_counter()
    set_seed(seed)
    train, valid = loaders(SIZES, 256)
    r = []
    for n in SIZES:
        set_seed(seed)
        cnn, mlp = SimpleCNN(kernel_size=7), ThreeLayerMLP()
        for m in (cnn, mlp):
            train_model(m, sgd(m), ep(30), train[n])
        edge = init_edge_and_freeze(SimpleCNN(kernel_size=7))
        train_model(edge, sgd(edge), ep(30), train[n])
        r.append("%.0f/%.0f/%.0f" % tuple(evaluate(m, crit, valid)[1] for m in (cnn, mlp, edge)))
    acc["q2"] = "CNN/MLP/edge " + " ".join(r)
    times["q2"] = time.perf_counter() - t

    t = time.perf_counter()
    r = []
    for n in SIZES:
        set_seed(seed)
        cnn, mlp = SimpleCNN(kernel_size=7), ThreeLayerMLP()
        r.append("%.0f/%.0f" % tuple(train_model(m, sgd(m), ep(100), train[n], valid)[0] for m in (cnn, mlp)))
    acc["q3"] = "CNN/MLP " + " ".join(r)
    times["q3"] = time.perf_counter() - t

    t = time.perf_counter()
    set_seed(seed)
    train, valid = loaders(SIZES, 10, possible_edge_location_ratio=0.5)
    r = []
    for n in SIZES:
        set_seed(seed)
        cnn, mlp = SimpleCNN(kernel_size=7), ThreeLayerMLP()
        res = [train_model(m, sgd(m), ep(300), train[n], valid) for m in (cnn, mlp)]
        r.append("%.0f/%.0f" % (res[0][0], res[1][0]))
    tuned = SimpleCNN(kernel_size=3)
    r.append("tuned-k3@10 %.0f" % train_model(tuned, sgd(tuned), ep(300), train[SIZES[0]], valid)[0])
    acc["q4"] = "CNN/MLP " + " ".join(r) + " MLP cm@%d %s" % (SIZES[-1], res[1][1].tolist())
    times["q4"] = time.perf_counter() - t

    t = time.perf_counter()
    set_seed(seed)
    perm = np.arange(784, dtype=np.int32)
    np.random.shuffle(perm)
    train, valid = loaders(SIZES, 10, permutater=perm)
    r = []
    for n in SIZES:
        set_seed(seed)
        cnn, mlp = SimpleCNN(kernel_size=7), ThreeLayerMLP()
        r.append("%.0f/%.0f" % tuple(train_model(m, sgd(m), ep(300), train[n], valid)[0] for m in (cnn, mlp)))
    acc["q5"] = "CNN/MLP " + " ".join(r)
    times["q5"] = time.perf_counter() - t

    t = time.perf_counter()
    set_seed(seed)
    train, valid = loaders(SIZES, 10, valid_shuffle=True, class_type=FIVE)
    r = []
    for n in SIZES:
        set_seed(seed)
        models = (SimpleCNN(kernel_size=7, num_classes=5), ThreeLayerMLP(num_classes=5),
                  SimpleCNN(kernel_size=7, num_classes=5, pool=nn.AvgPool2d))
        r.append("%.0f/%.0f/%.0f" % tuple(train_model(m, sgd(m), ep(200), train[n], valid)[0] for m in models))
    acc["q6"] = "max/MLP/avg " + " ".join(r)
    set_seed(seed)
    q7 = DataLoader(EdgeDetectionDataset(dict(data_per_class=30, class_type=FIVE)), batch_size=10, shuffle=True)
    models = (SimpleCNN(num_filters=6, kernel_size=7, num_classes=5), DeeperCNN(kernel_size=7))
    acc["q7"] = "wider/deeper %.0f/%.0f" % tuple(
        train_model(m, optim.Adam(m.parameters(), lr=3e-3), ep(200), q7, valid)[0] for m in models)
    times["q6q7"] = time.perf_counter() - t

    for k, v in times.items():
        print("torch_%s_seconds=%.2f" % (k, v))
    print("torch_seconds=%.2f" % (time.perf_counter() - total))
    for k, v in acc.items():
        print("torch_%s_accuracy=%s" % (k, v))


if __name__ == "__main__":
    main()
