"""Times the loss-surface lab: 200 steps of 6 real Keras optimizers on Rosenbrock.

Prints ``surface_200_steps_6_optimizers_s: x`` (target < 1 s), measured after one warm-up run so that
TensorFlow's one-off start-up is not counted; each run still builds and traces its own loop.
"""

from __future__ import annotations

import time

from playground.labs.surfaces import OptimizerChoice, run_trajectories

CHOICES = [
    OptimizerChoice("SGD", 0.001),
    OptimizerChoice("SGD+momentum", 0.001),
    OptimizerChoice("Nesterov", 0.001),
    OptimizerChoice("RMSprop", 0.01),
    OptimizerChoice("Adam", 0.05),
    OptimizerChoice("Nadam", 0.05),
]


def main() -> None:
    """Runs the lab once to warm up, then times three runs and prints the best and the mean."""
    run_trajectories("rosenbrock", (-1.5, 2.5), CHOICES, steps=200)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        run_trajectories("rosenbrock", (-1.5, 2.5), CHOICES, steps=200)
        timings.append(time.perf_counter() - started)
    print(f"surface_200_steps_6_optimizers_s: {min(timings):.3f}")
    print(f"surface_200_steps_6_optimizers_mean_s: {sum(timings) / len(timings):.3f}")


if __name__ == "__main__":
    main()
