"""The demon of chapter 2: it adds Δz to one weighted input z^l_j and the cost changes.

Layers use the book's numbering l = 2 … L (layer 1, the input, has no weighted input), and
so does the widget's neuron j = 1 … n_l. The functions below take numpy's 0-based ``row``
= j − 1 instead, as notebook 02 maps the book to code: z^l_j is ``zs[l - 2][j - 1, 0]``, and
the weights that leave layer l are ``net.weights[l - 1]`` (the book's w^{l+1}).

:func:`cost_with_demon` is the perturbed forward pass (the cost after it comes from
:func:`bpcore.gradcheck.cost_from_z`, as every finite difference's does); :func:`build` makes the
widget that draws the actual ΔC against the prediction δ^l_j Δz (eq. 29 and the demon story).
"""

import ipywidgets as widgets
import numpy as np

import bpcore
from bpcore import gradcheck
from bpcore.i18n import register

from . import layout, live
from .widget import Interactive

msg = register("demon", {
    "layer_hidden": "l = {l} (hidden)",
    "layer_output": "l = {l} (output)",
    "layer": "layer l",
    "neuron": "neuron j",
    "actual": "actual ΔC (network re-run)",
    "prediction": "prediction δ·Δz",
    "xlabel": "Δz added to $z^l_j$",
    "title": "demon at neuron j = {j} of layer l = {l}:  δ = {delta}",
    "readout": "Δz = {dz} &nbsp;&nbsp; δ<sup>{l}</sup><sub>{j}</sub> = {delta}"
               "<br>predicted ΔC = {predicted} &nbsp;(δ × Δz, from backprop)<br>"
               "actual ΔC = {actual} &nbsp;(network re-run from layer {l})",
})


def cost_with_demon(net, x, y, l, row, dz):
    """C_x after the demon adds Δz to z^l_j (``row`` = j − 1): σ(z^l_j + Δz) is sent on
    through the network.

    x : (n_1, 1), y : (n_L, 1). dz : a number, or a 1-D array of k values (one run each).
    Returns a float, or an array (k,) of costs.
    """
    zs, _ = net.forward(x)
    dzs = np.atleast_1d(np.asarray(dz, dtype=float))
    z = np.repeat(zs[l - 2], dzs.size, axis=1)  # z^l, one column per Δz: (n_l, k)
    z[row, :] += dzs  # the demon's nudge, on neuron j only
    C = gradcheck.cost_from_z(net, l, z, y)  # layers l+1 … L run again, then C_x: (k,)
    return float(C[0]) if np.ndim(dz) == 0 else C


def delta_C(net, x, y, l, row, dz):
    """The actual change ΔC = C(z^l_j + Δz) − C(z^l_j), ``row`` = j − 1; same shapes as
    :func:`cost_with_demon`."""
    return cost_with_demon(net, x, y, l, row, dz) - cost_with_demon(net, x, y, l, row, 0.0)


def cost_with_nudged_a(net, x, y, l, row, da):
    """C_x when Δa is added to the activation a^l_j (``row`` = j − 1) instead (for comparing
    ∂C/∂a with δ)."""
    _, activations = net.forward(x)
    a = activations[l - 1].copy()  # a^l: activations[0] is a^1
    a[row, 0] += da
    if l == net.num_layers:  # a^L itself: C_x is a function of it, there is no z to run
        return float(net.cost.fn(a, y)[0])
    z = net.weights[l - 1] @ a + net.biases[l - 1]  # z^{l+1} = w^{l+1} a^l + b^{l+1}
    return float(gradcheck.cost_from_z(net, l + 1, z, y)[0])


def default_setup():
    """The demon's small network ``[2, 3, 2]`` (seed 1) with one input x and target y."""
    net = bpcore.Network([2, 3, 2], seed=1)
    x = np.array([[0.8], [-0.4]])
    y = np.array([[1.0], [0.0]])
    return net, x, y


def _fmt(v):
    """4 significant digits, and never '-0'."""
    return f"{float(v) + 0.0:.4g}"


def _neurons(n):
    """The neuron dropdown's options: the book's j = 1 … n, shown and stored as j."""
    return [(f"j = {j}", j) for j in range(1, n + 1)]


class Demon(Interactive):
    """The demon widget (see :func:`build`).

    controls: ``layer`` (l) and ``neuron`` (the book's j = 1 … n_l: the dropdown's value is
    j itself, the row in code is j − 1), ``dz`` (Δz). Shown: ``readout``, the artists
    ``curve``, ``tangent``, ``marker``, ``predicted_marker``, ``gap`` on ``ax``, and the
    numbers ``delta`` (δ^l_j), ``predicted_dC`` (δ^l_j Δz) and ``actual_dC``.

    Moving Δz repaints only the markers and the gap between them (a :class:`live.Painter`
    over the frozen layout); the curves of every (l, j) are kept in ``_curves``, and each
    (l, j) is a state of the Painter: live, the picture behind the markers is kept for every
    (l, j), so the l and j dropdowns repaint like a Δz move instead of drawing the whole
    figure.
    """

    def __init__(self, net, x, y, dz_max=3.0, dz=0.5):
        self.net, self.x, self.y = net, x, y
        self.delta = self.predicted_dC = self.actual_dC = 0.0
        self._curves = {}  # (l, j) → (δ^l_j, C without the demon, actual ΔC over dzs)
        L = net.num_layers
        layer = widgets.Dropdown(
            options=[(str(msg("layer_output" if l == L else "layer_hidden", l=l)), l)
                     for l in range(2, L + 1)],
            value=2, description=str(msg("layer")),
        )
        neuron = widgets.Dropdown(options=_neurons(net.sizes[1]), value=1,
                                  description=str(msg("neuron")))
        slider = widgets.FloatSlider(
            value=dz, min=-dz_max, max=dz_max, step=0.05, description="Δz",
            readout_format=".2f", continuous_update=True,
        )
        slider.add_class("demon-dz")
        self.controls = {"layer": layer, "neuron": neuron, "dz": slider}
        self.readout = widgets.HTML()
        self.readout.add_class("demon-readout")

        fig, ax = layout.figure(6.4, 3.8, layout="constrained")
        self.figure, self.ax = fig, ax
        self.dzs = np.linspace(-dz_max, dz_max, 241)
        zero = 0 * self.dzs
        (self.curve,) = ax.plot(self.dzs, zero, color="C0", lw=2,
                                label=str(msg("actual")))
        (self.tangent,) = ax.plot(self.dzs, zero, "--", color="C1",
                                  label=str(msg("prediction")))
        (self.gap,) = ax.plot([0, 0], [0, 0], color="0.5", lw=1)
        (self.marker,) = ax.plot([0], [0], "o", color="C0", ms=8)
        (self.predicted_marker,) = ax.plot([0], [0], "o", color="C1", ms=6)
        ax.axhline(0, color="0.8", lw=0.8, zorder=0)
        ax.axvline(0, color="0.8", lw=0.8, zorder=0)
        ax.set_xlim(-dz_max, dz_max)
        ax.set_xlabel(str(msg("xlabel")))
        ax.set_ylabel("ΔC")
        ax.legend(loc="upper center", fontsize=9)
        self._show_curve(2, 1)  # the first state, so the frozen layout has room for its labels
        layout.freeze(fig)
        states = [(l, j) for l in range(2, L + 1) for j in range(1, net.sizes[l - 1] + 1)]
        self.painter = live.Painter(fig, moving=[self.gap, self.marker, self.predicted_marker],
                                    show=lambda state: self._show_curve(*state),
                                    states=states, state=(2, 1))

        self._busy = False  # True while the neuron list is being rebuilt
        self._assemble(widgets.HBox([layer, neuron]), slider, layout.canvas(fig), self.readout)


    def _curve(self, l, j):
        """``(δ^l_j, C_x, actual ΔC over dzs)`` for the book's l, j, computed once."""
        if (l, j) not in self._curves:
            net, x, y = self.net, self.x, self.y
            delta = float(net.backprop_deltas(x, y).deltas[l - 2][j - 1, 0])  # eq. (29)
            C = cost_with_demon(net, x, y, l, j - 1, 0.0)
            self._curves[(l, j)] = delta, C, cost_with_demon(net, x, y, l, j - 1, self.dzs) - C
        return self._curves[(l, j)]

    def _show_curve(self, l, j):
        """The curve, tangent, y range and title of neuron j in layer l."""
        delta, _, actual = self._curve(l, j)
        predicted = delta * self.dzs
        self.curve.set_ydata(actual)
        self.tangent.set_ydata(predicted)
        lo = min(actual.min(), predicted.min())
        hi = max(actual.max(), predicted.max())
        pad = 0.08 * (hi - lo) if hi > lo else 1e-3
        self.ax.set_ylim(lo - pad, hi + pad * 3)  # room at the top for the legend
        self.ax.set_title(str(msg("title", j=j, l=l, delta=_fmt(delta))), fontsize=10)

    def update(self, change=None):
        """l changed: new neuron list; l or j: new δ^l_j and curve; always: markers, readout."""
        if self._busy:
            return
        c = self.controls
        if change is not None and self.changed(change, "layer"):
            j = c["neuron"].value
            self._busy = True
            try:
                n = self.net.sizes[c["layer"].value - 1]
                c["neuron"].options = _neurons(n)
                c["neuron"].value = j if j is not None and j <= n else 1
            finally:
                self._busy = False
        l, j, dz = c["layer"].value, c["neuron"].value, c["dz"].value
        self.delta, C, _ = self._curve(l, j)
        self.predicted_dC = self.delta * dz  # ΔC ≈ δ^l_j Δz
        self.actual_dC = cost_with_demon(self.net, self.x, self.y, l, j - 1, dz) - C
        self.marker.set_data([dz], [self.actual_dC])
        self.predicted_marker.set_data([dz], [self.predicted_dC])
        self.gap.set_data([dz, dz], [self.predicted_dC, self.actual_dC])
        self.readout.value = str(msg(
            "readout", dz=_fmt(dz), l=l, j=j, delta=_fmt(self.delta),
            predicted=_fmt(self.predicted_dC), actual=_fmt(self.actual_dC)))
        # Δz alone: only the markers and the gap moved; a new (l, j): its curve first
        self.painter.paint(state=(l, j))


def build(net=None, x=None, y=None, dz_max=3.0, dz=0.5):
    """The demon widget: pick layer l and neuron j, move Δz, compare ΔC with δ^l_j Δz.

    Without arguments it uses :func:`default_setup`. The curve is the actual ΔC over
    Δz ∈ [−dz_max, dz_max] (the network re-run from layer l), the dashed line the tangent
    δ^l_j Δz from backprop; the markers sit at the slider's Δz. Returns a :class:`Demon`;
    its ``delta``, ``predicted_dC`` and ``actual_dC`` are the numbers shown.
    """
    if net is None:
        net, x, y = default_setup()
    return Demon(net, x, y, dz_max, dz)
