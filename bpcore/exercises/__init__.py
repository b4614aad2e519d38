"""Self-checks for the notebooks' exercises: each says right or wrong, kindly and exactly.

The checks for notebook NN live in ``bpcore.exercises.nbNN``; each module ends with a
``progress()`` that shows ✔ / ✘ / ✎ for its notebook's exercises. Every check

* computes its expected answer itself (from bpcore, finite differences or the exercise's
  data), never from a stored constant;
* accepts a right answer in any natural form and never a wrong one (:mod:`.answers`);
* answers garbage with "expected …, got …", never with a traceback, and reports a student
  function that raises with the student's own line (:mod:`.student`);
* never gives the answer away: no "off by X", no hint that is the solution;
* returns a :class:`Feedback` whose words come from message tables (:mod:`.messages`).

The modules: :mod:`.messages` (templates), :mod:`.answers` (answer kinds), :mod:`.grading`
(Feedback, the registry, progress), :mod:`.student` (calling student code),
:mod:`.slips` (diagnosing a student's backprop), :mod:`.engine` and :mod:`.programs`
(grading a ``Value`` class on small graphs).
"""

from .grading import REGISTRY, SOLUTION_LINE, Exercise, Feedback, progress

__all__ = ["REGISTRY", "SOLUTION_LINE", "Exercise", "Feedback", "progress"]
