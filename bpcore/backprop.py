"""The backpropagation algorithm: feedforward, then BP1–BP4.

Two versions of the same mathematics:

* :func:`backprop` / :func:`backprop_deltas` — one example, written line for line as the
  book's equations. This is the code a student reads.
* :func:`backprop_batch` — a whole mini-batch at once, one example per column of X
  (the book's "fully matrix-based" problem). Tests keep it equal to the mean of the
  per-example version.

Both start the backward pass with :func:`output_error` (δ^L, BP1), and every cost the
package reports comes from :func:`output_cost`. Nothing here checks its input:
:class:`bpcore.Network`'s methods do that once, before calling.
"""

from dataclasses import dataclass

import numpy as np

from .activations import sigmoid, sigmoid_prime
from .blas_threads import limited
from .costs import cross_entropy, cross_entropy_grad


def is_sigmoid_cross_entropy(net):
    """True for the book's chapter-3 pair: sigmoid activation with the cross-entropy cost."""
    act, cost = net.activation, net.cost
    return (act.fn is sigmoid and act.prime is sigmoid_prime
            and cost.fn is cross_entropy and cost.grad_a is cross_entropy_grad)


def output_error(net, z_L, a_L, Y):
    """δ^L ``(n_L, m)`` from z^L, a^L = σ(z^L) and the targets Y, all ``(n_L, m)``.

    In general this is BP1, δ^L = ∇_a C ⊙ σ'(z^L) (σ' read off a^L where the activation
    can, which is the same number). For a sigmoid output with the cross-entropy cost the
    book's chapter 3 shows that the σ' cancels: ∇_a C = (a − y)/(a(1 − a)) and
    σ'(z) = a(1 − a), so δ^L = a^L − y exactly. Computed as the product, the cancellation
    fails in floating point once the neuron saturates (a(1 − a) rounds, then reaches 0),
    and a neuron that is completely wrong would stop learning: that is the point of the
    pair, so it gets its exact form.
    """
    if is_sigmoid_cross_entropy(net):
        return a_L - Y
    act = net.activation
    sigma_prime_L = act.prime(z_L) if act.prime_from_a is None else act.prime_from_a(a_L)
    return net.cost.grad_a(a_L, Y) * sigma_prime_L


def output_cost(net, z_L, Y):
    """The per-example costs C_x ``(m,)`` from the output weighted input z^L ``(n_L, m)``.

    For a sigmoid output with cross-entropy, −ln σ(z) = ln(1 + e^{−z}) and
    −ln(1 − σ(z)) = ln(1 + e^{z}) (softplus), so C_x = Σ_j [y_j ln(1 + e^{−z_j})
    + (1 − y_j) ln(1 + e^{z_j})], exact even where σ(z) rounds to 0 or 1. Every other pair
    is ``net.cost.fn(σ(z^L), Y)``.
    """
    if is_sigmoid_cross_entropy(net):
        return np.sum(Y * np.logaddexp(0.0, -z_L) + (1.0 - Y) * np.logaddexp(0.0, z_L), axis=0)
    return net.cost.fn(net.activation.fn(z_L), Y)


@dataclass
class BackpropDeltas:
    """Everything one backward pass computed, for one example.

    zs[i] = z^{i+2}, activations[i] = a^{i+1}, deltas[i] = δ^{i+2} (shape ``(sizes[i+1], 1)``),
    nabla_b[i] = ∂C/∂b^{i+2}, nabla_w[i] = ∂C/∂w^{i+2}.
    """

    zs: list
    activations: list
    deltas: list
    nabla_b: list
    nabla_w: list


def forward(net, X):
    """Eq. (25) layer by layer: z^l = w^l a^{l−1} + b^l, a^l = σ(z^l).

    X : (n_1, m). Returns ``(zs, activations)`` with ``activations[0] = X``.
    """
    zs, activations = [], [X]
    a = X
    for w, b in zip(net.weights, net.biases):
        z = w @ a + b
        a = net.activation.fn(z)
        zs.append(z)
        activations.append(a)
    return zs, activations


def forward_from(net, l, a):
    """Run layers l+1 … L of eq. (25) starting from the activations a^l; return a^L.

    l is the book's layer number (2 … L); a : (n_l, k), k columns. For l = L there is
    nothing left to run and a is returned as it is.
    """
    for w, b in zip(net.weights[l - 1 :], net.biases[l - 1 :]):
        a = net.activation.fn(w @ a + b)
    return a


def backprop_deltas(net, x, y):
    """BP1–BP4 for one example x ``(n_1, 1)`` with target y ``(n_L, 1)``, every δ kept."""
    sigma_prime = net.activation.prime
    zs, activations = forward(net, x)

    # BP1: δ^L = ∇_a C ⊙ σ'(z^L). The cost gives ∇_a C; the activation gives σ'.
    # output_error computes exactly this product, except for a sigmoid output with the
    # cross-entropy cost: there it returns a^L − y, which the product equals on paper
    # (chapter 3's reason for that cost) but loses in floating point at saturation.
    delta = output_error(net, zs[-1], activations[-1], y)
    deltas = [delta]

    # BP2: δ^l = ((w^{l+1})^T δ^{l+1}) ⊙ σ'(z^l), for l = L−1 down to 2.
    # Like the book's code we count layers from the end with negative indices:
    # here "l" = 2 is the second-to-last layer, zs[-l] is its z and weights[-l + 1]
    # is the w^{l+1} that leads out of it.
    for l in range(2, net.num_layers):
        delta = (net.weights[-l + 1].T @ delta) * sigma_prime(zs[-l])
        deltas.insert(0, delta)

    # BP3: ∂C/∂b^l_j = δ^l_j.
    nabla_b = [delta.copy() for delta in deltas]

    # BP4: ∂C/∂w^l_{jk} = a^{l−1}_k δ^l_j, i.e. the outer product δ^l (a^{l−1})^T.
    nabla_w = [delta @ a_in.T for delta, a_in in zip(deltas, activations[:-1])]

    return BackpropDeltas(zs, activations, deltas, nabla_b, nabla_w)


def backprop(net, x, y):
    """``(nabla_b, nabla_w)`` for one example: the gradient of C_x, by BP1–BP4."""
    result = backprop_deltas(net, x, y)
    return result.nabla_b, result.nabla_w


def backprop_batch(net, X, Y):
    """Gradient of the mean cost over the m columns of X ``(n_1, m)``, Y ``(n_L, m)``.

    The same equations with a matrix in place of each vector: column x of Δ^l is δ^{x,l}.
    BP3 becomes a sum over columns and BP4 a matrix product Δ^l (A^{l−1})^T, which adds up
    the m outer products in one call. Tricks, each exact (the same numbers, bit for bit, as
    the plain matrix version of the equations):

    * σ' comes from the stored activations when the activation provides σ'(z) in terms of
      a (sigmoid: a(1 − a)), so σ is never evaluated twice and z need not be kept
      (except z^L, which :func:`output_error` may use);
    * the 1/m of the mean is applied once, to Δ^L; BP2–BP4 are linear in δ, so every
      gradient comes out already averaged;
    * z^l = w^l a^{l−1} + b^l adds b^l in place into the fresh product (no second array),
      and BP2's ⊙ σ'(z) multiplies in place into the fresh (w^{l+1})^T Δ^{l+1};
    * with one example (m = 1) BP4's product Δ^l (A^{l−1})^T is an outer product, a sum
      with a single term, so it is computed as the broadcast product Δ^l · (a^{l−1})^T:
      the same numbers bit for bit, but NumPy's matmul takes a slow generic loop for
      an inner dimension of 1 and the broadcast product is about twice as fast.
    """
    act = net.activation
    prime_from_a = act.prime_from_a
    m = X.shape[1]
    activations, zs = [X], []
    a = X
    for w, b in zip(net.weights, net.biases):
        z = w @ a
        z += b
        if prime_from_a is None:
            zs.append(z)
        a = act.fn(z)
        activations.append(a)
    z_L = z  # the last layer's weighted input (unchanged by σ, which returns a new array)

    def sigma_prime(i):  # σ'(z) of layer i+2 (0-based weights index i)
        if prime_from_a is not None:
            return prime_from_a(activations[i + 1])
        return act.prime(zs[i])

    n = len(net.weights)
    nabla_b, nabla_w = [None] * n, [None] * n
    # BP1, with the mean's 1/m folded in (output_error returns a fresh array)
    delta = output_error(net, z_L, activations[-1], Y)
    delta /= m
    for i in range(n - 1, -1, -1):
        a_in = activations[i]
        nabla_b[i] = delta.sum(axis=1, keepdims=True)  # BP3
        nabla_w[i] = delta * a_in.T if m == 1 else delta @ a_in.T  # BP4
        if i > 0:
            delta = net.weights[i].T @ delta  # BP2 (the input layer needs no δ)
            delta *= sigma_prime(i - 1)
    return nabla_b, nabla_w


@limited  # called from notebooks directly: one BLAS thread, like Network's methods
def mean_of_examples(net, X, Y):
    """The book's way: run :func:`backprop` on each column and average the gradients."""
    m = X.shape[1]
    sum_b = [np.zeros_like(b) for b in net.biases]
    sum_w = [np.zeros_like(w) for w in net.weights]
    for j in range(m):
        nb, nw = backprop(net, X[:, j : j + 1], Y[:, j : j + 1])
        sum_b = [s + d for s, d in zip(sum_b, nb)]
        sum_w = [s + d for s, d in zip(sum_w, nw)]
    return [s / m for s in sum_b], [s / m for s in sum_w]
