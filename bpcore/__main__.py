"""``python -m bpcore train``: the book's MNIST experiment on the bundled sample."""

import argparse
import sys


def build_parser():
    p = argparse.ArgumentParser(
        prog="python -m bpcore",
        description="Backpropagation in the notation of Nielsen's chapter 2.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser(
        "train",
        help="train a network on the bundled MNIST sample",
        description="Train by mini-batch SGD on the bundled 5,000-digit MNIST sample "
        "(4,000 to train, 1,000 held out) and print 'Epoch k: n / N' after every epoch, "
        "where n of the N held-out digits are classified correctly.",
    )
    t.add_argument("--sizes", type=int, nargs="+", default=[784, 30, 10], metavar="N",
                   help="layer sizes, input first; input 784 and output 10 (default: 784 30 10)")
    t.add_argument("--epochs", type=int, default=30,
                   help="passes over the training data (default: 30)")
    t.add_argument("--batch", type=int, default=10, help="mini-batch size m (default: 10)")
    t.add_argument("--eta", type=float, default=3.0, help="learning rate η (default: 3.0)")
    t.add_argument("--cost", choices=["quadratic", "cross_entropy"], default="quadratic",
                   help="cost function (default: quadratic)")
    t.add_argument("--activation", choices=["sigmoid", "tanh", "relu", "identity"],
                   default="sigmoid", help="activation function (default: sigmoid)")
    t.add_argument("--seed", type=int, default=0,
                   help="seed for the initial weights, the data split and the shuffling "
                   "(default: 0)")
    t.add_argument("--no-progress", action="store_true", help="no progress bar while an epoch runs")
    return p


# bpcore's argument names -> the options they come from, for error messages
FLAGS = {"epochs": "--epochs", "mini_batch_size": "--batch", "eta": "--eta", "sizes": "--sizes",
         "seed": "--seed", "cost": "--cost"}


def main(argv=None):
    args = build_parser().parse_args(argv)
    from . import DivergenceError, Network, load_mnist

    try:
        if args.sizes[0] != 784 or args.sizes[-1] != 10:
            raise ValueError(f"--sizes {' '.join(map(str, args.sizes))}: MNIST needs 784 inputs "
                             "and 10 outputs")
        net = Network(args.sizes, activation=args.activation, cost=args.cost, seed=args.seed)
        train, test = load_mnist(seed=args.seed)
        net.sgd(train, args.epochs, args.batch, args.eta, test_data=test, seed=args.seed,
                verbose=True, progress=not args.no_progress and sys.stderr.isatty())
    except (ValueError, TypeError) as exc:  # bpcore checked the values; name the option
        flag = FLAGS.get(getattr(exc, "argument", None))
        print(f"error: {flag + ': ' if flag else ''}{exc}", file=sys.stderr)
        return 2
    except DivergenceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
