"""The tests behind `change`: each worked out by hand here, then checked against scipy (a
test-only dependency: the report computes its t quantile itself)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from peakreport.measure.stats import (
    Mean,
    NpsSample,
    Proportion,
    betainc,
    compare,
    mean_interval,
    nps_difference,
    t_cdf,
    t_quantile,
    two_proportions,
    welch,
    wilson,
)

st = pytest.importorskip("scipy.stats")


# ------------------------------------------------------------------ the t distribution

# printed tables (Fisher & Yates; any statistics textbook): t(0.975; df)
@pytest.mark.parametrize(("df", "t"), [(1, 12.706), (2, 4.303), (5, 2.571), (10, 2.228),
                                       (20, 2.086), (30, 2.042), (120, 1.980)])
def test_t_quantile_matches_the_printed_table(df, t):
    assert t_quantile(0.975, df) == pytest.approx(t, abs=5e-4)


@pytest.mark.parametrize("df", [0.7, 1, 1.5, 2, 3.3, 7, 19.997, 48.6, 150, 1e4])
@pytest.mark.parametrize("p", [0.6, 0.9, 0.975, 0.995, 0.9995, 0.025])
def test_t_quantile_agrees_with_scipy(df, p):
    assert t_quantile(p, df) == pytest.approx(st.t.ppf(p, df), rel=1e-9)


@pytest.mark.parametrize("df", [1, 2.5, 30])
@pytest.mark.parametrize("t", [-3.0, -0.01, 0.0, 0.3, 2.0, 40.0])
def test_t_cdf_agrees_with_scipy(df, t):
    assert t_cdf(t, df) == pytest.approx(st.t.cdf(t, df), rel=1e-11, abs=1e-14)


def test_t_with_one_degree_of_freedom_is_cauchy():
    # by hand: T(1) is Cauchy, P(T <= t) = 1/2 + atan(t)/pi, so t(0.975) = tan(0.475 pi)
    assert t_cdf(1.0, 1) == pytest.approx(0.75)
    assert t_quantile(0.975, 1) == pytest.approx(math.tan(0.475 * math.pi), rel=1e-12)


def test_betainc_by_hand():
    # I_x(1, 1) = x; I_x(2, 1) = x^2; I_x(1, 2) = 1 - (1 - x)^2
    assert betainc(1, 1, 0.3) == pytest.approx(0.3)
    assert betainc(2, 1, 0.3) == pytest.approx(0.09)
    assert betainc(1, 2, 0.3) == pytest.approx(1 - 0.49)


def test_t_quantile_refuses_nonsense():
    with pytest.raises(ValueError):
        t_quantile(1.0, 5)
    with pytest.raises(ValueError):
        t_quantile(0.9, 0)


# ------------------------------------------------------------------ proportions: N-1 test


def test_two_proportions_by_hand():
    # 40/50 = 0.8 against 30/50 = 0.6; pooled 70/100 = 0.7; N = 100
    # SE = sqrt(0.7 * 0.3 * (1/50 + 1/50)) = sqrt(0.0084); x sqrt(100/99) for N-1
    c = two_proportions(Proportion(40, 50), Proportion(30, 50))
    assert c.delta == pytest.approx(0.2)
    assert c.detectable == pytest.approx(1.96 * math.sqrt(0.0084) * math.sqrt(100 / 99))
    assert c.detectable == pytest.approx(0.180541, abs=1e-6)
    assert c.significant is True


def test_two_proportions_is_campbells_n_minus_1_chi_square():
    # the 2x2 table [[40, 10], [30, 20]]: Pearson's chi2 = N (ad - bc)^2 / (r1 r2 c1 c2)
    # = 100 * (800 - 300)^2 / (50 * 50 * 70 * 30) = 4.7619; N-1: x 99/100 = 4.7143,
    # p = 0.0299 < 0.05. scipy's chi2 without Yates's correction, scaled the same way:
    chi2, _, _, _ = st.chi2_contingency([[40, 10], [30, 20]], correction=False)
    assert chi2 == pytest.approx(100 * 500 ** 2 / (50 * 50 * 70 * 30))
    n_minus_1 = chi2 * 99 / 100
    # the test's z is delta / (detectable / 1.96)
    c = two_proportions(Proportion(40, 50), Proportion(30, 50))
    assert (c.delta / (c.detectable / 1.96)) ** 2 == pytest.approx(n_minus_1)


def test_two_proportions_significant_exactly_when_the_test_rejects():
    rng = np.random.default_rng(18)
    for _ in range(300):
        n1, n2 = rng.integers(20, 200, size=2)
        x1, x2 = rng.integers(1, n1), rng.integers(1, n2)
        c = two_proportions(Proportion(int(x1), int(n1)), Proportion(int(x2), int(n2)))
        chi2, _, _, _ = st.chi2_contingency([[x1, n1 - x1], [x2, n2 - x2]], correction=False)
        n = n1 + n2
        # Z95 = 1.96, the critical chi2(1) is 1.96^2
        assert c.significant == (chi2 * (n - 1) / n > 1.96 ** 2)


def test_two_proportions_silent_cases():
    assert two_proportions(Proportion(0, 0), Proportion(3, 10)) is None
    # everyone attended both times: no variation, no change, nothing significant
    same = two_proportions(Proportion(10, 10), Proportion(20, 20))
    assert (same.delta, same.detectable, same.significant) == (0, 0, False)
    # one person on each side: N - 1 = 1 leaves the test nothing to stand on
    tiny = two_proportions(Proportion(1, 1), Proportion(0, 1))
    assert tiny.significant is None


# ------------------------------------------------------------------ means: Welch's t


def test_welch_by_hand():
    # var/n: 0.4/10 = 0.04 and 0.6/12 = 0.05; SE = sqrt(0.09) = 0.3
    # df = 0.09^2 / (0.04^2/9 + 0.05^2/11) = 0.0081 / 0.000405051 = 19.9975
    c = welch(Mean(10, 4.2, 0.4), Mean(12, 3.9, 0.6))
    df = 0.09 ** 2 / (0.04 ** 2 / 9 + 0.05 ** 2 / 11)
    assert df == pytest.approx(19.9975, abs=1e-4)
    assert c.delta == pytest.approx(0.3)
    assert c.detectable == pytest.approx(st.t.ppf(0.975, df) * 0.3, rel=1e-9)
    assert c.detectable == pytest.approx(2.08597 * 0.3, abs=1e-4)  # t(0.975; 20) ~ 2.086
    assert c.significant is False  # 0.3 < 0.626


def test_welch_agrees_with_scipys_welch_test():
    rng = np.random.default_rng(2021)
    for _ in range(100):
        a = rng.integers(1, 6, size=rng.integers(5, 90)).astype(float)
        b = rng.integers(1, 6, size=rng.integers(5, 90)).astype(float)
        c = welch(Mean(len(a), a.mean(), a.var(ddof=1)), Mean(len(b), b.mean(), b.var(ddof=1)))
        p = st.ttest_ind(a, b, equal_var=False).pvalue
        if abs(p - 0.05) > 1e-9:
            assert c.significant == (p < 0.05)


def test_welch_silent_cases():
    assert welch(Mean(0, 0.0, 0.0), Mean(5, 4.0, 1.0)) is None
    one = welch(Mean(1, 5.0, 0.0), Mean(5, 4.0, 1.0))  # no variance from one answer
    assert (one.delta, one.detectable, one.significant) == (1.0, None, None)
    # all 5s against all 4s: no spread at all, so the difference is certain
    certain = welch(Mean(8, 5.0, 0.0), Mean(9, 4.0, 0.0))
    assert (certain.detectable, certain.significant) == (0.0, True)


# ------------------------------------------------------------------ NPS: adjusted Wald


def test_nps_difference_by_hand():
    # now: 33 promoters, 16 detractors of 73 -> NPS 100 * 17/73 = 23.29
    # before: 19 and 17 of 49 -> NPS 100 * 2/49 = 4.08
    c = nps_difference(NpsSample(33, 16, 73), NpsSample(19, 17, 49))
    assert c.delta == pytest.approx(100 * (17 / 73 - 2 / 49))
    # adjusted: n' = 76, p' = 33.75/76, d' = 16.75/76; n' = 52, p' = 19.75/52, d' = 17.75/52
    p1, d1, p2, d2 = 33.75 / 76, 16.75 / 76, 19.75 / 52, 17.75 / 52
    var1 = (p1 + d1 - (p1 - d1) ** 2) / 76
    var2 = (p2 + d2 - (p2 - d2) ** 2) / 52
    assert c.detectable == pytest.approx(100 * 1.96 * math.sqrt(var1 + var2))
    assert c.detectable == pytest.approx(29.02, abs=0.01)
    assert c.significant is False  # 19.2 points is within 29.0


def test_nps_difference_has_a_margin_even_at_the_extremes():
    # 10 promoters of 10 both times: the plain Wald margin would be 0, the adjusted is not
    c = nps_difference(NpsSample(10, 0, 10), NpsSample(10, 0, 10))
    p, d = 10.75 / 13, 0.75 / 13
    assert c.detectable == pytest.approx(100 * 1.96 * math.sqrt(2 * (p + d - (p - d) ** 2) / 13))
    assert c.significant is False


def test_nps_difference_silent_when_empty():
    assert nps_difference(NpsSample(0, 0, 0), NpsSample(3, 1, 9)) is None


# ------------------------------------------------------------------ error rates


@pytest.mark.parametrize(("draw", "make"), [
    (lambda rng, n: rng.random(n) < 0.7, lambda x: Proportion(int(x.sum()), len(x))),
    (lambda rng, n: rng.choice([1, 2, 3, 4, 5], n, p=[.05, .05, .15, .4, .35]),
     lambda x: Mean(len(x), float(x.mean()), float(x.var(ddof=1)))),
    (lambda rng, n: rng.choice(11, n, p=[.02] * 6 + [.12, .12, .1, .15, .39]),
     lambda x: NpsSample(int((x >= 9).sum()), int((x <= 6).sum()), len(x))),
])
def test_no_change_is_called_significant_about_one_time_in_twenty(draw, make):
    """Two forums drawn from one population: a 95 % test flags about 5 % of them (a test
    that flags many more misleads funders; far fewer, and it misses real changes)."""
    rng = np.random.default_rng(7)
    flags = [compare(make(draw(rng, 70)), make(draw(rng, 50))).significant
             for _ in range(2000)]
    assert 0.025 < np.mean(flags) < 0.075


def test_fewer_than_five_answers_are_never_tested():
    # NPS +100 (2 promoters of 2) against -50 (1 detractor, 1 passive of 2): the adjusted-
    # Wald test alone would call -150 points significant; two answers cannot say it
    assert nps_difference(NpsSample(0, 1, 2), NpsSample(2, 0, 2)).significant is True
    tiny = compare(NpsSample(0, 1, 2), NpsSample(2, 0, 2))
    assert (tiny.delta, tiny.detectable, tiny.significant) == (-150, None, None)
    assert compare(Proportion(4, 4), Proportion(0, 50)).significant is None
    assert compare(Proportion(5, 5), Proportion(0, 50)).significant is True
    assert compare(Mean(0, 0.0, 0.0), Mean(5, 4.0, 1.0)) is None


def test_compare_refuses_mixed_kinds():
    with pytest.raises(TypeError):
        compare(Proportion(1, 2), Mean(2, 1.0, 0.0))


# ------------------------------------------------------------------ intervals of one group


def test_mean_interval_by_hand():
    # n = 16, mean 4, variance 1: 4 +- t(0.975; 15) * 1/4 = 4 +- 2.131/4
    lo, hi = mean_interval(Mean(16, 4.0, 1.0))
    assert (lo, hi) == pytest.approx((4 - 2.13145 / 4, 4 + 2.13145 / 4), abs=1e-5)
    assert mean_interval(Mean(1, 4.0, 0.0)) is None


def test_wilson_by_hand():
    # 8 of 10, z = 1.96: centre (0.8 + z^2/20) / (1 + z^2/10), half-width
    # z sqrt(0.8 * 0.2 / 10 + z^2 / 400) / (1 + z^2/10)
    z = 1.96
    den = 1 + z * z / 10
    centre, half = (0.8 + z * z / 20) / den, z * math.sqrt(0.016 + z * z / 400) / den
    assert wilson(Proportion(8, 10)) == pytest.approx((centre - half, centre + half))
    exact = st.norm.ppf(0.975)
    assert wilson(Proportion(8, 10), exact) == pytest.approx(
        st.binomtest(8, 10).proportion_ci(method="wilson"), rel=1e-9)
