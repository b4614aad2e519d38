"""bpcore.timing.best_time: how often it calls, what it returns, with a clock it is given.

A fake clock makes every duration known in advance, so nothing here depends on how fast
the machine is.
"""

import pytest

from bpcore.timing import best_time


class FakeClock:
    """A clock that reads the next of the given times at each call."""

    def __init__(self, *readings):
        self.readings = list(readings)

    def __call__(self):
        return self.readings.pop(0)


def test_best_of_the_runs_divided_by_number():
    # three runs of 2 calls each, timed 0 → 5, 10 → 13, 20 → 24: best 3 s, so 1.5 s per call
    clock = FakeClock(0, 5, 10, 13, 20, 24)
    assert best_time(lambda: None, repeats=3, number=2, clock=clock) == 1.5
    assert clock.readings == []  # exactly two readings per run


def test_calls_fn_repeats_times_number():
    calls = []
    t = best_time(lambda: calls.append(1), repeats=4, number=3)
    assert len(calls) == 12  # every call is made, none skipped
    assert t >= 0.0


def test_setup_is_fresh_per_run_and_untimed():
    made, seen = [], []

    def setup():
        made.append(len(made))
        return made[-1]

    clock = FakeClock(0, 1, 2, 4)
    t = best_time(seen.append, repeats=2, number=2, setup=setup, clock=clock)
    assert made == [0, 1] and seen == [0, 0, 1, 1]  # one state per run, passed to each call
    assert t == 0.5


@pytest.mark.parametrize("repeats, number, error", [(0, 1, ValueError), (1, 0, ValueError),
                                                    (1.5, 1, TypeError), (1, True, TypeError)])
def test_rejects_empty_or_odd_runs(repeats, number, error):
    with pytest.raises(error, match="repeats|number"):
        best_time(lambda: None, repeats, number)
