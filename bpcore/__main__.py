"""``python -m bpcore train``: the book's MNIST experiment on the bundled sample.

Every sentence it shows (help, headings, its own errors) is in the ``cli`` table of
:mod:`bpcore.i18n`: ``BPCORE_LANG=zh-CN python -m bpcore train --help`` prints the Chinese.
argparse's own diagnostics ("invalid choice: …") and bpcore's ValueError details stay English.
"""

import argparse
import re
import sys

from .i18n import register

MESSAGES = {
    "description": "Backpropagation in the notation of Nielsen's chapter 2.",
    "usage": "usage: ",
    "commands": "commands",
    "options": "options",
    "help": "show this help message and exit",
    "train.help": "train a network on the bundled MNIST sample",
    "train.description": "Train by mini-batch SGD on the bundled 5,000-digit MNIST sample "
                         "(4,000 to train, 1,000 held out) and print 'Epoch k: n / N' after "
                         "every epoch, where n of the N held-out digits are classified "
                         "correctly.",
    "sizes": "layer sizes, input first; input 784 and output 10 (default: {default})",
    "epochs": "passes over the training data (default: {default})",
    "batch": "mini-batch size m (default: {default})",
    "eta": "learning rate η (default: {default})",
    "cost": "cost function (default: {default})",
    "activation": "activation function (default: {default})",
    "seed": "seed for the initial weights, the data split and the shuffling "
            "(default: {default})",
    "no_progress": "no progress bar while an epoch runs",
    "error": "error: {detail}",
    "error_option": "error: {flag}: {detail}",
    "bad_sizes": "--sizes {sizes}: MNIST needs 784 inputs and 10 outputs",
}
msg = register("cli", MESSAGES)


def text(key, **fields):
    return str(msg(key, **fields))


# Characters a terminal draws two columns wide (CJK): argparse's textwrap counts them as one.
WIDE = "\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
TOKEN = re.compile(f"[{WIDE}]|[^\\s{WIDE}]+|\\s+")


def wrap(text, width):
    """``text`` in lines of at most ``width`` terminal columns, a wide character counting two;
    a line may break between two wide characters or at a space."""
    lines, line, cols = [], "", 0
    for token in TOKEN.findall(text):
        token = " " if token.isspace() else token
        size = len(token) + len(re.findall(f"[{WIDE}]", token))
        if cols + size > width and line.strip():
            lines.append(line.rstrip())
            line, cols = ("", 0) if token == " " else (token, size)
        else:
            line, cols = line + token, cols + size
    return lines + [line.rstrip()] if line.strip() else lines


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, text("usage") if prefix is None else prefix)

    def _split_lines(self, text, width):
        return wrap(text, width)

    def _fill_text(self, text, width, indent):
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))


class _Parser(argparse.ArgumentParser):
    """argparse with the catalogue's headings, help line and "error:" prefix."""

    def __init__(self, **kwargs):
        super().__init__(formatter_class=_Formatter, add_help=False, **kwargs)
        self.options = self.add_argument_group(text("options"))  # argparse's own stays empty
        self.options.add_argument("-h", "--help", action="help", help=text("help"))

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {text('error', detail=message)}\n")


def build_parser():
    p = _Parser(prog="python -m bpcore", description=text("description"))
    sub = p.add_subparsers(dest="command", required=True, title=text("commands"),
                           parser_class=_Parser)
    t = sub.add_parser("train", help=text("train.help"), description=text("train.description"))
    o = t.options
    o.add_argument("--sizes", type=int, nargs="+", default=[784, 30, 10], metavar="N",
                   help=text("sizes", default="784 30 10"))
    o.add_argument("--epochs", type=int, default=30, help=text("epochs", default=30))
    o.add_argument("--batch", type=int, default=10, help=text("batch", default=10))
    o.add_argument("--eta", type=float, default=3.0, help=text("eta", default=3.0))
    o.add_argument("--cost", choices=["quadratic", "cross_entropy"], default="quadratic",
                   help=text("cost", default="quadratic"))
    o.add_argument("--activation", choices=["sigmoid", "tanh", "relu", "identity"],
                   default="sigmoid", help=text("activation", default="sigmoid"))
    o.add_argument("--seed", type=int, default=0, help=text("seed", default=0))
    o.add_argument("--no-progress", action="store_true", help=text("no_progress"))
    return p


# bpcore's argument names -> the options they come from, for error messages
FLAGS = {"epochs": "--epochs", "mini_batch_size": "--batch", "eta": "--eta", "sizes": "--sizes",
         "seed": "--seed", "cost": "--cost"}


def main(argv=None):
    args = build_parser().parse_args(argv)
    from . import DivergenceError, Network, load_mnist

    try:
        if args.sizes[0] != 784 or args.sizes[-1] != 10:
            raise ValueError(text("bad_sizes", sizes=" ".join(map(str, args.sizes))))
        net = Network(args.sizes, activation=args.activation, cost=args.cost, seed=args.seed)
        train, test = load_mnist(seed=args.seed)
        net.sgd(train, args.epochs, args.batch, args.eta, test_data=test, seed=args.seed,
                verbose=True, progress=not args.no_progress and sys.stderr.isatty())
    except (ValueError, TypeError) as exc:  # bpcore checked the values; name the option
        flag = FLAGS.get(getattr(exc, "argument", None))
        line = text("error_option", flag=flag, detail=exc) if flag else text("error", detail=exc)
        print(line, file=sys.stderr)
        return 2
    except DivergenceError as exc:
        print(text("error", detail=exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
