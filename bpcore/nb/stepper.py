"""A step-through of the backpropagation algorithm (notebook 08).

Buttons move through the algorithm one equation at a time: the input, eq. (25) for each layer
(forward), BP1, BP2 for each hidden layer (backward), then BP3/BP4. An HTML table shows the z,
a and δ of every layer computed so far (the cells the current step just computed are
highlighted); the line above it names the equation being applied.
"""

import html

import ipywidgets as widgets
import numpy as np

import bpcore
from bpcore.i18n import register

from .widget import Interactive

# label.<kind>: a step's name; explain.<kind>: what it computes (l its layer, p = l − 1,
# n = l + 1, L the output layer)
msg = register("stepper", {
    "label.input": "input: a^1 = x",
    "label.feedforward": "(25) layer {l}",
    "label.BP1": "BP1",
    "label.BP2": "BP2 layer {l}",
    "label.BP3/BP4": "BP3/BP4",
    "explain.input": "Step 1. Set the input layer's activation a<sup>1</sup> = x.",
    "explain.feedforward": "Step 2, feedforward (eq. 25): z<sup>{l}</sup> = w<sup>{l}</sup> "
                           "a<sup>{p}</sup> + b<sup>{l}</sup>, a<sup>{l}</sup> = "
                           "σ(z<sup>{l}</sup>).",
    "explain.BP1": "Step 3, output error (BP1): δ<sup>{L}</sup> = ∇<sub>a</sub>C ⊙ "
                   "σ'(z<sup>{L}</sup>) = (a<sup>{L}</sup> − y) ⊙ σ'(z<sup>{L}</sup>) for the "
                   "quadratic cost.",
    "explain.BP2": "Step 4, backpropagate (BP2): δ<sup>{l}</sup> = ((w<sup>{n}</sup>)<sup>T"
                   "</sup> δ<sup>{n}</sup>) ⊙ σ'(z<sup>{l}</sup>).",
    "explain.BP3/BP4": "Step 5, gradients: ∂C/∂b<sup>l</sup><sub>j</sub> = "
                       "δ<sup>l</sup><sub>j</sub> (BP3) and ∂C/∂w<sup>l</sup><sub>jk</sub> = "
                       "a<sup>l−1</sup><sub>k</sub> δ<sup>l</sup><sub>j</sub> (BP4), for every "
                       "layer at once.",
    "click": "Click {i} of {n}: {step}",
    "previous": "Previous step",
    "next": "Next step",
    "reset": "Reset",
    "network": "Network {sizes}, sigmoid, quadratic cost; x = {x}, y = {y}",
    "layer": "layer l",
})


def plan(L):
    """The steps for a network with L layers (layer 1 is the input), as ``(kind, l)``:
    the input, feedforward for l = 2 … L, BP1 (l = L), BP2 for l = L−1 … 2, BP3/BP4."""
    return ([("input", 1)] + [("feedforward", l) for l in range(2, L + 1)] + [("BP1", L)]
            + [("BP2", l) for l in range(L - 1, 1, -1)] + [("BP3/BP4", L)])


def algorithm_steps(L):
    """The step labels for a network with L layers, in the current language."""
    return [str(msg(f"label.{kind}", l=l)) for kind, l in plan(L)]


PAD = "padding:2px 10px;border:1px solid #ddd;"
NEW = "background:#fff3c4;"  # cells computed by the current step


def _vec(v):
    return "[" + ", ".join(f"{x:.4f}" for x in np.ravel(v)) + "]"


class Stepper(Interactive):
    """The step-through widget. controls: ``prev``, ``next``, ``reset`` (buttons). ``step``
    is the index into ``steps`` (the labels) and ``plan`` (the same steps as (kind, l));
    ``shown`` maps ``("z" | "a" | "delta" | "nabla_b", l)`` with the book's layer l to the
    values displayed so far, ``new`` is the set of keys the current step added, and
    ``nabla_w`` maps l to ∂C/∂w^l once BP3/BP4 has run. Shown: ``equation`` (the step's
    line) and ``table``."""

    def __init__(self, sizes=(2, 3, 2), seed=0):
        self.net = bpcore.Network(list(sizes), seed=seed)
        rng = np.random.default_rng(seed + 1)
        self.x = np.round(rng.uniform(0, 1, (sizes[0], 1)), 2)
        self.y = np.zeros((sizes[-1], 1))
        self.y[0] = 1.0
        self.L = len(sizes)
        self.plan = plan(self.L)
        self.steps = algorithm_steps(self.L)
        self.controls = {
            "prev": widgets.Button(description=str(msg("previous")), icon="backward"),
            "next": widgets.Button(description=str(msg("next")), icon="forward"),
            "reset": widgets.Button(description=str(msg("reset")), icon="refresh"),
        }
        self.controls["next"].on_click(lambda _: self.go(self.step + 1))
        self.controls["prev"].on_click(lambda _: self.go(self.step - 1))
        self.controls["reset"].on_click(lambda _: self.go(0))
        self.equation = widgets.HTML()
        self.table = widgets.HTML()
        self.widget = widgets.VBox([
            widgets.HTML(str(msg("network", sizes=list(sizes), x=_vec(self.x),
                                 y=_vec(self.y)))),
            widgets.HBox(list(self.controls.values())), self.equation, self.table])
        self.go(0)

    def go(self, step):
        """Move to ``steps[step]`` (clamped to the valid range) and show it."""
        self.step = min(max(step, 0), len(self.steps) - 1)
        self.update()

    def update(self, change=None):
        """Show the state after ``steps[self.step]``."""
        self.shown, self.nabla_w = self._compute(self.step)
        before = self._compute(self.step - 1)[0] if self.step > 0 else {}
        self.new = set(self.shown) - set(before)
        self.controls["prev"].disabled = self.step == 0
        self.controls["next"].disabled = self.step == len(self.steps) - 1
        self._render()

    def _compute(self, s):
        """Run the algorithm up to step s, literally, one equation at a time.

        Returns ``(shown, nabla_w)`` as described in the class docstring."""
        net, L = self.net, self.L
        shown, nabla_w = {("a", 1): self.x}, {}
        sigma, sigma_prime = net.activation.fn, net.activation.prime
        for l in range(2, min(s, L - 1) + 2):                      # (25), layers 2 … s+1
            w, b = net.weights[l - 2], net.biases[l - 2]
            shown[("z", l)] = w @ shown[("a", l - 1)] + b
            shown[("a", l)] = sigma(shown[("z", l)])
        if s >= L:                                                  # BP1
            shown[("delta", L)] = (net.cost.grad_a(shown[("a", L)], self.y)
                                   * sigma_prime(shown[("z", L)]))
        # "BP2 layer l" is step 2L − l, so after step s the δ^l with l ≥ 2L − s are known
        for l in range(L - 1, max(2 * L - s, 2) - 1, -1):           # BP2, l = L−1 … 2
            w_next = net.weights[l - 1]                              # w^{l+1}
            shown[("delta", l)] = ((w_next.T @ shown[("delta", l + 1)])
                                   * sigma_prime(shown[("z", l)]))
        if s == len(self.steps) - 1:                                # BP3, BP4
            for l in range(2, L + 1):
                shown[("nabla_b", l)] = shown[("delta", l)]
                nabla_w[l] = shown[("delta", l)] @ shown[("a", l - 1)].T
        return shown, nabla_w

    def _render(self):
        kind, l = self.plan[self.step]
        text = msg(f"explain.{kind}", l=l, p=l - 1, n=l + 1, L=self.L)
        click = msg("click", i=self.step + 1, n=len(self.steps),
                    step=html.escape(self.steps[self.step]))
        self.equation.value = f"<b>{click}</b><br>{text}"
        rows = []
        for l in range(1, self.L + 1):
            cells = [f"<td style='{PAD}'>{l}</td>"]
            for q in ("z", "a", "delta", "nabla_b"):
                v = self.shown.get((q, l))
                style = PAD + (NEW if (q, l) in self.new else "")
                if v is not None:
                    cells.append(f"<td style='{style}'><code>{_vec(v)}</code></td>")
                else:  # "—": the input layer has no z, δ or b; "·": not computed yet
                    mark = "—" if l == 1 and q != "a" else "·"
                    cells.append(f"<td style='{PAD}color:#bbb'>{mark}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        head = "<tr>" + "".join(f"<th style='{PAD}'>{h}</th>" for h in (
            msg("layer"), "z<sup>l</sup>", "a<sup>l</sup>", "δ<sup>l</sup>",
            "∂C/∂b<sup>l</sup> (BP3)")) + "</tr>"
        extra = "".join(
            f"<p>∂C/∂w<sup>{l}</sup> (BP4) = <code>{html.escape(str(np.round(nw, 4).tolist()))}"
            "</code></p>" for l, nw in self.nabla_w.items())
        self.table.value = (f"<table style='border-collapse:collapse'>{head}{''.join(rows)}"
                            f"</table>{extra}")


def stepper(sizes=(2, 3, 2), seed=0):
    """Build the step-through widget (a :class:`Stepper`); display ``.widget``, click
    ``.controls["next"]``, ``["prev"]``, ``["reset"]``."""
    return Stepper(sizes, seed)
