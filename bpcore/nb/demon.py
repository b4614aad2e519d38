"""The demon of chapter 2: it adds Δz to one weighted input z^l_j and the cost changes.

Layers use the book's numbering l = 2 … L (layer 1, the input, has no weighted input);
neurons j are 0-based rows, as in numpy. So z^l_j is ``zs[l - 2][j, 0]`` and the weights
that leave layer l are ``net.weights[l - 1]`` (the book's w^{l+1}).

:func:`cost_with_demon` is the perturbed forward pass, written out; :func:`build` makes the
widget that draws the actual ΔC against the prediction δ^l_j Δz (eq. 29 and the demon story).
"""

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

import bpcore
from bpcore.backprop import forward_from

from . import layout


def cost_with_demon(net, x, y, l, j, dz):
    """C_x after the demon adds Δz to z^l_j: σ(z^l_j + Δz) is sent on through the network.

    x : (n_1, 1), y : (n_L, 1). dz : a number, or a 1-D array of k values (one run each).
    Returns a float, or an array (k,) of costs.
    """
    zs, _ = net.forward(x)
    dzs = np.atleast_1d(np.asarray(dz, dtype=float))
    z = np.repeat(zs[l - 2], dzs.size, axis=1)  # z^l, one column per Δz: (n_l, k)
    z[j, :] += dzs  # the demon's nudge, on neuron j only
    a_L = forward_from(net, l, net.activation.fn(z))  # a^l = σ(z^l), then layers l+1 … L
    C = net.cost.fn(a_L, y)  # (k,)
    return float(C[0]) if np.ndim(dz) == 0 else C


def delta_C(net, x, y, l, j, dz):
    """The actual change ΔC = C(z^l_j + Δz) − C(z^l_j); same shapes as :func:`cost_with_demon`."""
    return cost_with_demon(net, x, y, l, j, dz) - cost_with_demon(net, x, y, l, j, 0.0)


def cost_with_nudged_a(net, x, y, l, j, da):
    """C_x when Δa is added to the activation a^l_j instead (for comparing ∂C/∂a with δ)."""
    _, activations = net.forward(x)
    a = activations[l - 1].copy()  # a^l: activations[0] is a^1
    a[j, 0] += da
    return float(net.cost.fn(forward_from(net, l, a), y)[0])


def default_setup():
    """The demon's small network ``[2, 3, 2]`` (seed 1) with one input x and target y."""
    net = bpcore.Network([2, 3, 2], seed=1)
    x = np.array([[0.8], [-0.4]])
    y = np.array([[1.0], [0.0]])
    return net, x, y


def _fmt(v):
    """4 significant digits, and never '-0'."""
    return f"{float(v) + 0.0:.4g}"


@dataclass
class Demon:
    """The parts of the demon widget (see :func:`build`). Display it like a widget."""

    box: widgets.VBox
    layer: widgets.Dropdown
    neuron: widgets.Dropdown
    dz: widgets.FloatSlider
    readout: widgets.HTML
    fig: object
    ax: object
    curve: object
    tangent: object
    marker: object
    predicted_marker: object
    gap: object
    net: object
    x: np.ndarray
    y: np.ndarray
    delta: float = 0.0
    predicted_dC: float = 0.0
    actual_dC: float = 0.0

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def build(net=None, x=None, y=None, dz_max=3.0, dz=0.5):
    """The demon widget: pick layer l and neuron j, move Δz, compare ΔC with δ^l_j Δz.

    Without arguments it uses :func:`default_setup`. The curve is the actual ΔC over
    Δz ∈ [−dz_max, dz_max] (the network re-run from layer l), the dashed line the tangent
    δ^l_j Δz from backprop; the markers sit at the slider's Δz. Returns a :class:`Demon`;
    its ``delta``, ``predicted_dC`` and ``actual_dC`` are the numbers shown.
    """
    if net is None:
        net, x, y = default_setup()
    L = net.num_layers
    layer = widgets.Dropdown(
        options=[(f"l = {l} ({'output' if l == L else 'hidden'})", l) for l in range(2, L + 1)],
        value=2, description="layer l",
    )
    neuron = widgets.Dropdown(
        options=[(f"j = {j}", j) for j in range(net.sizes[1])], value=0, description="neuron j"
    )
    slider = widgets.FloatSlider(
        value=dz, min=-dz_max, max=dz_max, step=0.05, description="Δz",
        readout_format=".2f", continuous_update=True,
    )
    slider.add_class("demon-dz")
    readout = widgets.HTML()
    readout.add_class("demon-readout")

    fig, ax = layout.figure(6.4, 3.8, layout="constrained")
    dzs = np.linspace(-dz_max, dz_max, 241)
    (curve,) = ax.plot(dzs, 0 * dzs, color="C0", lw=2, label="actual ΔC (network re-run)")
    (tangent,) = ax.plot(dzs, 0 * dzs, "--", color="C1", label="prediction δ·Δz")
    (gap,) = ax.plot([0, 0], [0, 0], color="0.5", lw=1)
    (marker,) = ax.plot([0], [0], "o", color="C0", ms=8)
    (predicted_marker,) = ax.plot([0], [0], "o", color="C1", ms=6)
    ax.axhline(0, color="0.8", lw=0.8, zorder=0)
    ax.axvline(0, color="0.8", lw=0.8, zorder=0)
    ax.set_xlim(-dz_max, dz_max)
    ax.set_xlabel("Δz added to $z^l_j$")
    ax.set_ylabel("ΔC")
    ax.legend(loc="upper center", fontsize=9)

    box = widgets.VBox([widgets.HBox([layer, neuron]), slider, layout.canvas(fig), readout])
    d = Demon(box, layer, neuron, slider, readout, fig, ax, curve, tangent, marker,
              predicted_marker, gap, net, x, y)
    busy = [False]  # True while the neuron list is being rebuilt

    def new_neuron(_=None):
        """l or j changed: recompute δ^l_j and redraw the curve and tangent."""
        if busy[0]:
            return
        l, j = layer.value, neuron.value
        trace = net.backprop_deltas(x, y)
        d.delta = float(trace.deltas[l - 2][j, 0])  # δ^l_j = ∂C/∂z^l_j (eq. 29)
        actual = delta_C(net, x, y, l, j, dzs)
        predicted = d.delta * dzs
        curve.set_ydata(actual)
        tangent.set_ydata(predicted)
        lo = min(actual.min(), predicted.min())
        hi = max(actual.max(), predicted.max())
        pad = 0.08 * (hi - lo) if hi > lo else 1e-3
        ax.set_ylim(lo - pad, hi + pad * 3)  # room at the top for the legend
        ax.set_title(f"demon at neuron j = {j} of layer l = {l}:  δ = {_fmt(d.delta)}", fontsize=10)
        new_dz()

    def new_layer(_=None):
        j = neuron.value
        busy[0] = True
        try:
            n = net.sizes[layer.value - 1]
            neuron.options = [(f"j = {k}", k) for k in range(n)]
            neuron.value = j if j is not None and j < n else 0
        finally:
            busy[0] = False
        new_neuron()

    def new_dz(_=None):
        """Δz changed: move the markers and rewrite the readout."""
        l, j, dz = layer.value, neuron.value, slider.value
        d.predicted_dC = d.delta * dz  # ΔC ≈ δ^l_j Δz
        d.actual_dC = delta_C(net, x, y, l, j, dz)
        marker.set_data([dz], [d.actual_dC])
        predicted_marker.set_data([dz], [d.predicted_dC])
        gap.set_data([dz, dz], [d.predicted_dC, d.actual_dC])
        readout.value = (
            f"Δz = {_fmt(dz)} &nbsp;&nbsp; δ<sup>{l}</sup><sub>{j}</sub> = {_fmt(d.delta)}<br>"
            f"predicted ΔC = {_fmt(d.predicted_dC)} &nbsp;(δ × Δz, from backprop)<br>"
            f"actual ΔC = {_fmt(d.actual_dC)} &nbsp;(network re-run from layer {l})"
        )
        layout.redraw(fig)

    layer.observe(new_layer, "value")
    neuron.observe(new_neuron, "value")
    slider.observe(new_dz, "value")
    new_neuron()
    return d
