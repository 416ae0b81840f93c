"""ResNet-18 (torchvision's topology, written out: Debian's python3-torch has no torchvision), 10 classes, training
throughput on CIFAR-size input with SGD momentum 0.9, for bench/resnet18_bench.sh. Prints torch_images_per_second=..."""
import sys
import time

import torch
import torch.nn as nn

batch = int(sys.argv[1]) if len(sys.argv) > 1 else 64
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 10
warmup = int(sys.argv[3]) if len(sys.argv) > 3 else 3
size = int(sys.argv[4]) if len(sys.argv) > 4 else 32
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 2
torch.set_num_threads(threads)
torch.manual_seed(42)


class BasicBlock(nn.Module):
    def __init__(self, inplanes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = None
        if stride != 1 or inplanes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + (x if self.downsample is None else self.downsample(x)))


class ResNet18(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
                                  nn.MaxPool2d(3, 2, 1))
        layers, inplanes = [], 64
        for i, planes in enumerate([64, 128, 256, 512]):
            for b in range(2):
                layers.append(BasicBlock(inplanes, planes, 2 if (i > 0 and b == 0) else 1))
                inplanes = planes
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(512, num_classes)

    def forward(self, x):
        x = self.layers(self.stem(x))
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


model = ResNet18()
n = sum(p.numel() for p in model.parameters() if p.requires_grad)
assert n == 11181642, n
opt = torch.optim.SGD(model.parameters(), lr=1.6e-3, momentum=0.9)
loss_fn = nn.CrossEntropyLoss()
x = torch.rand(batch, 3, size, size)
y = torch.arange(batch) % 10


def step():
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()


for _ in range(warmup):
    step()
t0, c0 = time.perf_counter(), time.process_time()
for _ in range(steps):
    step()
s = time.perf_counter() - t0
cpu = time.process_time() - c0
print(f"torch_version={torch.__version__}")
print(f"torch_seconds_per_step={s / steps:.4f}")
print(f"torch_images_per_second={batch * steps / s:.1f}")
print(f"torch_cpu_seconds_per_step={cpu / steps:.4f}")
