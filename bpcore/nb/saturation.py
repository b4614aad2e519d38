"""Figures and widgets for notebook 07: saturation and the slowdown it causes (BP1–BP4).

The two widgets follow :mod:`bpcore.nb.widget`'s protocol, so tests can move a slider and
check what is displayed against an independent computation.
"""

import ipywidgets as widgets
import numpy as np

import bpcore
from bpcore import sigmoid, sigmoid_prime
from bpcore.i18n import register
from bpcore.nb import layout, live
from bpcore.nb.widget import Interactive

msg = register("saturation", {
    "share_of_largest": "share of the largest",
    "saturated": "saturated",
    "sigma_readout": "z = {z} &nbsp; σ(z) = {sigma} &nbsp; σ'(z) = {sigma_prime} &nbsp; "
                     "({share} of the largest slope, 0.25 at z = 0)",
    "weight_scale": "weight scale",
    "mean": "mean",
    "median": "median",
    "delta_title": "|δ$^l$| per layer (log scale)",
    "k_axis": "k (neuron in layer {layer})",
    "j_axis": "j (neuron in layer {layer})",
    "scaled": "weights × {scale}",
    "mean_delta": "mean |δ|",
    "median_delta": "median |δ|",
    "largest_gradient": "max |∂C/∂w<sup>{layer}</sup>| = {largest}; "
                        "hidden neurons with |z| > 4 (saturated): {shares}",
    "layer_share": "layer {layer}: {share}",
    "separator": ", ",
    "identity": "identity",
    "leaky_sigmoid": "leaky sigmoid",
    "compare_title": "mean |δ$^l$| per layer (weights × {scale})",
    "cost_title": "{name} cost",
    "epoch": "epoch",
    "output_title": "output a (target y = 0)",
})


# -- a custom activation whose σ' never nears zero ------------------------------------
def leaky_sigmoid(z):
    """σ(z) + 0.1 z: a sigmoid with a linear leak, so it never flattens out."""
    return sigmoid(z) + 0.1 * z


def leaky_sigmoid_prime(z):
    """σ'(z) + 0.1, which is at least 0.1 for every z."""
    return sigmoid_prime(z) + 0.1


ACTIVATION_CHOICES = {
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "ReLU": "relu",
    "identity": "identity",
    "leaky sigmoid": (leaky_sigmoid, leaky_sigmoid_prime),
}
# the activations whose legend label is a word, not a name: their catalogue keys
TRANSLATED = {"identity": "identity", "leaky sigmoid": "leaky_sigmoid"}


def mean_abs_deltas(net, x, y):
    """[mean_j |δ^l_j| for l = 2 … L] for one example x ``(n_1, 1)``, y ``(n_L, 1)``."""
    return [float(np.mean(np.abs(d))) for d in net.backprop_deltas(x, y).deltas]


# -- σ and σ' with a z slider ---------------------------------------------------------
class SigmaSlider(Interactive):
    """σ and σ' with a marker at z. controls: ``z``. Shown: ``readout``, ``markers`` (one per
    panel), and the numbers ``sigma`` and ``sigma_prime``."""

    def __init__(self, z=0.0):
        fig, (ax1, ax2) = layout.figure(8.0, 3.0, ncols=2)
        zz = np.linspace(-10, 10, 401)
        ax1.plot(zz, sigmoid(zz), color="C0")
        ax2.plot(zz, sigmoid_prime(zz), color="C1")
        ax1.set(title="σ(z)", xlabel="z", ylim=(-0.05, 1.05))
        ax2.set(title="σ'(z) = σ(z)(1 − σ(z))", xlabel="z", ylim=(-0.01, 0.27))
        for ax in (ax1, ax2):
            ax.axvspan(-10, -4, color="0.9")
            ax.axvspan(4, 10, color="0.9")
            ax.grid(alpha=0.3)
        ax1.text(7, 0.5, str(msg("saturated")), ha="center", color="0.4")
        ax1.text(-7, 0.5, str(msg("saturated")), ha="center", color="0.4")
        self.markers = [ax1.plot([], [], "o", color="C3", ms=8)[0],
                        ax2.plot([], [], "o", color="C3", ms=8)[0]]
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.16, top=0.9, wspace=0.22)
        self.figure = fig
        self.painter = live.Painter(fig, moving=self.markers)
        self.controls = {"z": widgets.FloatSlider(value=z, min=-10, max=10, step=0.1,
                                                  description="z", continuous_update=True,
                                                  layout=widgets.Layout(width="500px"))}
        self.readout = widgets.HTML()
        self._assemble(self.controls["z"], self.readout, layout.canvas(fig))

    def update(self, change=None):
        z = float(self.controls["z"].value)
        self.sigma = float(sigmoid(z))
        self.sigma_prime = float(sigmoid_prime(z))
        self.markers[0].set_data([z], [self.sigma])
        self.markers[1].set_data([z], [self.sigma_prime])
        self.readout.value = str(msg(
            "sigma_readout", z=f"{z:.2f}", sigma=f"{self.sigma:.4f}",
            sigma_prime=f"{self.sigma_prime:.4f}", share=f"{self.sigma_prime / 0.25:.1%}"))
        self.painter.paint()  # only the markers moved


def sigma_slider(z=0.0):
    """Two panels, σ(z) and σ'(z) on z ∈ [−10, 10], with a marker that follows a slider
    (a :class:`SigmaSlider`)."""
    return SigmaSlider(z)


# -- scaling the initial weights of a deeper network ----------------------------------
class InitScale(Interactive):
    """Per-layer mean |δ| (bars) and |∂C/∂w^layer| (heatmap) as the weights are scaled.

    controls: ``scale``. Shown: ``readout``, ``bars``, ``medians``, ``image``;
    ``mean_deltas[i]`` is mean_j |δ^{i+2}_j| (bars), ``median_deltas[i]`` its median
    (diamonds); ``grad_w`` is |∂C/∂w^layer|, drawn as ``grad_w / grad_w.max()`` on a fixed
    0…1 colour scale (the readout gives the largest). ``net`` holds the scaled weights.
    """

    def __init__(self, sizes=(10, 8, 8, 8, 4), seed=7, layer=2, scale=1.0):
        self.base = bpcore.Network(list(sizes), seed=seed)
        self.net = bpcore.Network(list(sizes), seed=seed)
        self.layer = layer
        rng = np.random.default_rng(seed + 1)
        self.x = rng.uniform(0.0, 1.0, (sizes[0], 1))
        self.y = np.zeros((sizes[-1], 1))
        self.y[0] = 1.0
        fig, (ax1, ax2) = layout.figure(8.4, 3.4, ncols=2)
        labels = [f"δ$^{l}$" for l in range(2, len(sizes) + 1)]
        self.bars = ax1.bar(labels, np.ones(len(labels)), color="C0",
                            label=str(msg("mean")))
        (self.medians,) = ax1.plot(labels, np.ones(len(labels)), "D", color="C3",
                                   label=str(msg("median")))
        ax1.legend(loc="upper center", ncol=2)
        ax1.set(yscale="log", ylim=(1e-12, 1e2), title=str(msg("delta_title")))
        ax1.grid(axis="y", alpha=0.3)
        w = self.base.weights[layer - 2]
        self.image = ax2.imshow(np.zeros_like(w), cmap="viridis", vmin=0, vmax=1,
                                aspect="auto")
        ax2.set(title=f"|∂C/∂w$^{layer}_{{jk}}$|", xlabel=str(msg("k_axis", layer=layer - 1)),
                ylabel=str(msg("j_axis", layer=layer)))
        ax2.set_xticks(range(w.shape[1]), labels=[str(k + 1) for k in range(w.shape[1])])
        ax2.set_yticks(range(w.shape[0]), labels=[str(j + 1) for j in range(w.shape[0])])
        fig.colorbar(self.image, ax=ax2, label=str(msg("share_of_largest")))
        fig.subplots_adjust(left=0.08, right=0.97, bottom=0.15, top=0.9, wspace=0.32)
        self.figure = fig
        # the axes and the colour scale are fixed: a move repaints the bars and the heat map
        self.painter = live.Painter(fig, moving=[*self.bars, self.medians, self.image])
        self.controls = {"scale": widgets.FloatSlider(
            value=scale, min=0.1, max=8.0, step=0.1, description=str(msg("weight_scale")),
            continuous_update=True, style={"description_width": "initial"},
            layout=widgets.Layout(width="500px"))}
        self.readout = widgets.HTML()
        self._assemble(self.controls["scale"], self.readout, layout.canvas(fig))

    def update(self, change=None):
        s = float(self.controls["scale"].value)
        self.net.weights = [s * w for w in self.base.weights]
        trace = self.net.backprop_deltas(self.x, self.y)
        self.mean_deltas = [float(np.mean(np.abs(d))) for d in trace.deltas]
        self.median_deltas = [float(np.median(np.abs(d))) for d in trace.deltas]
        self.grad_w = np.abs(trace.nabla_w[self.layer - 2])
        for bar, h in zip(self.bars, self.mean_deltas, strict=True):
            bar.set_height(h)
        self.medians.set_ydata(self.median_deltas)
        self.image.set_data(self.grad_w / max(float(self.grad_w.max()), 1e-300))
        sat = [float(np.mean(np.abs(z) > 4)) for z in trace.zs[:-1]]
        heads = "".join(f"<th>δ<sup>{l}</sup></th>" for l in range(2, len(sat) + 3))
        means = "".join(f"<td>{d:.2e}</td>" for d in self.mean_deltas)
        medians = "".join(f"<td>{d:.2e}</td>" for d in self.median_deltas)
        shares = str(msg("separator")).join(
            str(msg("layer_share", layer=l, share=f"{f:.0%}")) for l, f in enumerate(sat, 2))
        self.readout.value = (
            f"<b>{msg('scaled', scale=f'{s:.2f}')}</b><table><tr><th></th>{heads}</tr>"
            f"<tr><th>{msg('mean_delta')}</th>{means}</tr>"
            f"<tr><th>{msg('median_delta')}</th>{medians}</tr></table>"
            + str(msg("largest_gradient", layer=self.layer, largest=f"{self.grad_w.max():.2e}",
                      shares=shares))
        )
        self.painter.paint()


def init_scale_widget(sizes=(10, 8, 8, 8, 4), seed=7, layer=2, scale=1.0):
    """A slider scaling the seeded initial weights of a sigmoid network with quadratic cost
    (an :class:`InitScale`).

    One example: x uniform in [0, 1] ``(n_1, 1)``, y a one-hot ``(n_L, 1)``, both seeded.
    Bars: mean |δ^l| per layer on a log axis (BP1, BP2). Heatmap: |∂C/∂w^layer| (BP4).
    """
    return InitScale(sizes, seed, layer, scale)


# -- activations side by side -----------------------------------------------------------
def compare_activations(sizes=(10, 8, 8, 8, 4), seed=7, scale=3.0):
    """σ' of every activation in ACTIVATION_CHOICES, and per-layer mean |δ| on the same
    seeded network (weights × ``scale``) for each. Returns ``(fig, table)`` where
    ``table[name]`` is the list [mean |δ^2|, …, mean |δ^L|]."""
    rng = np.random.default_rng(seed + 1)
    x = rng.uniform(0.0, 1.0, (sizes[0], 1))
    y = np.zeros((sizes[-1], 1))
    y[0] = 1.0
    fig, (ax1, ax2) = layout.figure(8.4, 3.6, ncols=2)
    zz = np.linspace(-6, 6, 601)
    table = {}
    width = 0.8 / len(ACTIVATION_CHOICES)
    for i, (name, spec) in enumerate(ACTIVATION_CHOICES.items()):
        net = bpcore.Network(list(sizes), activation=spec, seed=seed)
        net.weights = [scale * w for w in net.weights]
        label = str(msg(TRANSLATED[name])) if name in TRANSLATED else name
        ax1.plot(zz, net.activation.prime(zz), label=label, lw=2, color=f"C{i}",
                 ls="--" if name == "identity" else "-")
        table[name] = mean_abs_deltas(net, x, y)
        pos = np.arange(len(table[name])) + (i - 2) * width
        ax2.bar(pos, table[name], width, color=f"C{i}")
    ax1.set(title="σ'(z)", xlabel="z", ylim=(-0.05, 1.15))
    ax1.grid(alpha=0.3)
    ax1.legend(fontsize=8)
    ax2.set(yscale="log", title=str(msg("compare_title", scale=f"{scale:g}")),
            xticks=range(len(sizes) - 1),
            xticklabels=[f"δ$^{l}$" for l in range(2, len(sizes) + 1)])
    ax2.grid(axis="y", alpha=0.3)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.9, wspace=0.22)
    return fig, table


# -- one neuron learning from a saturated start -----------------------------------------
def train_one_neuron(cost, w=2.0, b=2.0, eta=0.15, epochs=300):
    """Train ``Network([1, 1], cost=cost)`` on the single example x = 1, y = 0.

    Starts from weight w and bias b (the book's chapter 3 preview: w = b = 2, a ≈ 0.98).
    Returns ``(costs, outputs)``: the cost and output a after each epoch, shape ``(epochs,)``.
    """
    net = bpcore.Network([1, 1], cost=cost)
    net.weights, net.biases = [np.array([[w]])], [np.array([[b]])]
    x, y = np.ones((1, 1)), np.zeros((1, 1))
    costs, outputs = np.empty(epochs), np.empty(epochs)
    for e in range(epochs):
        net.update_mini_batch(x, y, eta)
        costs[e] = net.total_cost(x, y)
        outputs[e] = net.feedforward(x)[0, 0]
    return costs, outputs


def one_neuron_figure(runs):
    """Cost and output vs epoch; ``runs`` maps a cost name to ``train_one_neuron``'s result."""
    fig, axes = layout.figure(8.4, 3.2, ncols=3)
    for i, (name, (costs, outputs)) in enumerate(runs.items()):
        axes[i].plot(np.arange(1, len(costs) + 1), costs, color=f"C{i}")
        axes[i].set(title=str(msg("cost_title", name=name)), xlabel=str(msg("epoch")),
                    ylim=(0, None))
        axes[i].grid(alpha=0.3)
        axes[2].plot(np.arange(1, len(outputs) + 1), outputs, color=f"C{i}", label=name)
    axes[2].set(title=str(msg("output_title")), xlabel=str(msg("epoch")), ylim=(0, 1))
    axes[2].grid(alpha=0.3)
    axes[2].legend()
    fig.subplots_adjust(left=0.065, right=0.98, bottom=0.16, top=0.9, wspace=0.3)
    return fig
