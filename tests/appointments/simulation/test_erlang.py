"""The simulation reproduces the Erlang-C waiting time of an M/M/c queue (issue 5)."""

from __future__ import annotations

import pytest

from lotse.appointments.simulation import simulate
from lotse.appointments.simulation.erlang import erlang_c, mmc_mean_wait, mmc_wait_quantile

from .helpers import mmc_scenario


def test_erlang_c_matches_the_textbook_value():
    # λ=4/min, μ=1/min, c=5: P(wait) = 0.5541, Wq = 0.5541 min (domain notes).
    assert erlang_c(4, 1, 5) == pytest.approx(0.55411, abs=1e-4)
    assert mmc_mean_wait(4, 1, 5) == pytest.approx(0.55411, abs=1e-4)


def test_single_server_reduces_to_mm1():
    # M/M/1: Wq = ρ / (μ − λ)
    assert mmc_mean_wait(0.5, 1, 1) == pytest.approx(0.5 / 0.5)


def test_erlang_c_rejects_an_overloaded_queue():
    with pytest.raises(ValueError):
        erlang_c(5, 1, 5)


@pytest.mark.parametrize(("rate", "servers"), [(4.0, 5), (1.5, 2)])
def test_simulated_mean_wait_contains_erlang_c_in_its_interval(rate, servers):
    result = simulate(mmc_scenario(rate, 1.0, servers, days=2, replications=20, seed=7))
    expected = mmc_mean_wait(rate, 1.0, servers)
    assert result.wait_mean.low <= expected <= result.wait_mean.high
    # The interval is narrow enough to mean something (±10 %).
    assert result.wait_mean.half_width < 0.1 * expected


def test_simulated_p90_and_utilisation_match_theory():
    result = simulate(mmc_scenario(4.0, 1.0, 5, days=2, replications=20, seed=3))
    assert result.wait_p90.mean == pytest.approx(mmc_wait_quantile(4, 1, 5, 0.9), rel=0.1)
    assert result.utilisation_total.mean == pytest.approx(0.8, abs=0.02)
