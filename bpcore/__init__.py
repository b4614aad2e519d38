"""bpcore: backpropagation in the notation of Nielsen's *Neural Networks and Deep Learning*,
chapter 2. NumPy only; the notebook helpers live in :mod:`bpcore.nb`, imported on demand.
"""

from .activations import Activation, get_activation, sigmoid, sigmoid_prime
from .costs import Cost, get_cost
from .data import Split, load_mnist, one_hot
from .gradcheck import gradient_check, numerical_gradient, rel_error
from .network import Network
from .training import DivergenceError, EpochRecord

__all__ = [
    "Activation", "Cost", "DivergenceError", "EpochRecord", "Network", "Split", "get_activation",
    "get_cost", "gradient_check", "load_mnist", "numerical_gradient", "one_hot", "rel_error",
    "sigmoid", "sigmoid_prime",
]
__version__ = "0.1.0"
