"""Erlang C: the exact mean waiting time of an M/M/c queue, to check the simulation against."""

from __future__ import annotations

import math


def erlang_c(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Probability that an arriving customer has to wait (requires utilisation < 1)."""
    load = arrival_rate / service_rate
    rho = load / servers
    if not 0 <= rho < 1:
        raise ValueError("utilisation must be below 1")
    # Summing the Erlang B recursion avoids large factorials.
    blocking = 1.0
    for k in range(1, servers + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking / (1 - rho + rho * blocking)


def mmc_mean_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Mean time in queue Wq = C(c, a) / (c·μ − λ)."""
    probability = erlang_c(arrival_rate, service_rate, servers)
    return probability / (servers * service_rate - arrival_rate)


def mmc_wait_quantile(arrival_rate: float, service_rate: float, servers: int, q: float) -> float:
    """The q-quantile of the waiting time (0 when at least 1 − q need not wait)."""
    probability = erlang_c(arrival_rate, service_rate, servers)
    if probability <= 1 - q:
        return 0.0
    return math.log(probability / (1 - q)) / (servers * service_rate - arrival_rate)
