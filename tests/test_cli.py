"""``python -m bpcore train``, run as a user would, in a subprocess.

(The full ``--epochs 30`` run takes minutes and is deliberately not run here.)
"""

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from bpcore.__main__ import build_parser, wrap

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = ["--sizes", "--epochs", "--batch", "--eta", "--cost", "--activation", "--seed",
           "--no-progress"]


def run(*args, timeout=300, lang="en"):
    env = {**os.environ, "BPCORE_LANG": lang, "COLUMNS": "80"}
    return subprocess.run([sys.executable, "-m", "bpcore", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout, env=env)


def columns(line):
    """How many terminal columns ``line`` takes (a CJK character takes two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def train_parser():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sub.choices["train"]


def test_help_documents_every_option():
    result = run("train", "--help")
    assert result.returncode == 0
    text = result.stdout
    for option in OPTIONS:
        assert option in text
    # also every option the parser really has, each with a help text
    for action in train_parser()._actions:
        for flag in action.option_strings:
            assert flag in text
        assert action.help
    for default in ["784 30 10", "30", "10", "3.0", "quadratic", "sigmoid"]:
        assert f"(default: {default})" in text
    assert "cross_entropy" in text and "relu" in text


def test_top_level_help_lists_train():
    result = run("--help")
    assert result.returncode == 0 and "train" in result.stdout


def test_short_run_prints_one_line_per_epoch():
    result = run("train", "--epochs", "2", "--no-progress", "--seed", "1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    for k, line in enumerate(lines):
        assert re.match(r"^Epoch \d+: \d+ / 1000$", line)
        assert line.startswith(f"Epoch {k}: ")
    # two epochs of the book's network already classify far better than chance (100 / 1000)
    assert int(lines[-1].split()[2]) > 500
    assert result.stderr == ""


@pytest.mark.parametrize(
    "args,message",
    [
        (["--eta", "0"], r"--eta: eta must be a finite positive number; got 0"),
        (["--eta", "-1"], r"--eta: .*got -1"),
        (["--batch", "0"], r"--batch: mini_batch_size must be a positive integer; got 0"),
        (["--epochs", "0"], r"--epochs: epochs must be a positive integer; got 0"),
        (["--sizes", "784", "10", "9"], r"--sizes 784 10 9: MNIST needs 784 inputs and 10 outputs"),
        (["--sizes", "784", "0", "10"], r"--sizes: .*positive.*got 0"),
        (["--seed", "-3"], r"--seed: seed must be None or a non-negative integer; got -3"),
        (["--activation", "tanh", "--cost", "cross_entropy"],
         r"--cost: the cross_entropy cost needs output activations in \(0, 1\).*'tanh'"),
        (["--cost", "hinge"], r"invalid choice: 'hinge'"),
        (["--batch", "ten"], r"invalid int value: 'ten'"),
    ],
)
def test_bad_options_exit_2(args, message):
    result = run("train", *args)
    assert result.returncode == 2
    assert re.search(message, result.stderr), result.stderr
    assert result.stdout == ""


def test_divergence_exits_non_zero_with_the_message():
    result = run("train", "--activation", "identity", "--eta", "1e6", "--epochs", "3",
                 "--no-progress")
    assert result.returncode == 1
    assert re.search(r"error: training diverged in epoch 0: with eta = 1000000\.0",
                     result.stderr), result.stderr
    assert result.stdout == ""


def test_help_and_messages_in_chinese_from_the_catalogue():
    help_text = run("train", "--help", lang="zh-CN").stdout
    assert help_text.startswith("用法：python -m bpcore train")
    assert "学习率 η（默认：3.0）" in help_text and "显示本帮助信息并退出" in help_text
    assert all(option in help_text for option in OPTIONS)
    assert max(map(columns, help_text.splitlines())) <= 80  # CJK wrapped by columns
    result = run("train", "--eta", "0", lang="zh-CN")
    assert result.returncode == 2 and result.stderr.startswith("错误：--eta：")


def test_epoch_lines_in_chinese():
    result = run("train", "--epochs", "1", "--no-progress", "--seed", "1", lang="zh-CN")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"第 0 轮：\d+ / 1000\n", result.stdout)


@pytest.mark.parametrize("width", [10, 24, 57])
def test_wrap_counts_wide_characters_twice(width):
    text = "在自带的 5,000 张 MNIST 手写数字样本上训练，每轮结束后打印 'Epoch k: n / N' 一行。"
    lines = wrap(text, width)
    assert all(columns(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
