"""The tests behind "changed since the previous forum" and "this group differs".

A report that says "NPS up 8 points" when ~70 answers could not tell 8 points from chance
misleads its funder. Each comparison here gives the change (`delta`), the smallest change
these sample sizes can tell from chance (`detectable`: the half-width of the 95 % interval
of the difference) and whether the change is larger (`significant` = |delta| > detectable),
by the test SPEC.md names for the kind of figure:

- a proportion (attendance rate, CSAT, response rate, regional share): the N−1
  two-proportion test (Campbell 2007, Stat Med 26:3661);
- a mean (satisfaction): Welch's t, with its Welch–Satterthwaite degrees of freedom;
- an NPS: the adjusted-Wald difference (Rocks 2016, after Agresti–Caffo: add 3 to n and
  3/4 to promoters and detractors in each sample).

docs/story.md derives each `detectable` and says why it agrees with its test. The Student t
quantile is computed here (regularised incomplete beta, then Newton's method) rather than
imported: scipy.stats would add ~0.7 s of import and 110 MB to a report run for one
function (scipy is the tests' reference instead).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

Z95 = 1.96  # the normal 97.5 % quantile, as in SPEC.md's margins of error


@dataclass(frozen=True)
class Proportion:
    """`successes` of `n` (attended of registered, 4–5 of the satisfaction answers…)."""

    successes: int
    n: int


@dataclass(frozen=True)
class Mean:
    """A sample's size, mean and variance (with n − 1): what Welch's t needs."""

    n: int
    mean: float
    variance: float


@dataclass(frozen=True)
class NpsSample:
    """Counts of promoters (9–10) and detractors (0–6) among `n` answers."""

    promoters: int
    detractors: int
    n: int


Sample = Proportion | Mean | NpsSample


@dataclass(frozen=True)
class Comparison:
    """This forum against the previous one, in the figure's own unit (a fraction, a mark
    out of 5, NPS points)."""

    delta: float
    detectable: float | None   # None when the samples cannot be tested (n too small)
    significant: bool | None


MIN_N = 5  # fewer answers on a side: the change is given, never tested


def compare(now: Sample, before: Sample) -> Comparison | None:
    """`now` − `before` by the test for their kind; None when either sample is empty.

    With fewer than `MIN_N` on either side the change is not tested (`detectable` and
    `significant` None): none of these large-sample tests means much on two or three
    answers (two promoters against one detractor would pass the NPS test), and the report's
    small-group rule publishes no statistic of fewer than five people anyway."""
    if type(now) is not type(before):
        raise TypeError(f"cannot compare {type(now).__name__} with {type(before).__name__}")
    if 0 < min(now.n, before.n) < MIN_N:
        test = compare_any(now, before)
        return None if test is None else Comparison(test.delta, None, None)
    return compare_any(now, before)


def compare_any(now: Sample, before: Sample) -> Comparison | None:
    """The test for the samples' kind, whatever their size."""
    if isinstance(now, Proportion):
        return two_proportions(now, before)
    if isinstance(now, Mean):
        return welch(now, before)
    return nps_difference(now, before)


def _verdict(delta: float, detectable: float | None) -> Comparison:
    if detectable is None:
        return Comparison(delta, None, None)
    return Comparison(delta, detectable, abs(delta) > detectable)


def two_proportions(a: Proportion, b: Proportion, z: float = Z95) -> Comparison | None:
    """The N−1 two-proportion test (Campbell 2007).

    Its statistic is the pooled z of the classical test times √((N − 1)/N), N = n₁ + n₂:
    z = (p₁ − p₂) / (√(p̄(1 − p̄)(1/n₁ + 1/n₂)) · √(N/(N − 1))), p̄ = (x₁ + x₂)/N.
    It rejects "no change" at 5 % exactly when |p₁ − p₂| exceeds
    detectable = z₀.₉₇₅ · √(p̄(1 − p̄)(1/n₁ + 1/n₂)) · √(N/(N − 1)),
    the half-width of the 95 % interval of the difference under no change, so that
    `significant` and the test always agree. Campbell recommends it over Pearson's χ² and
    Yates's correction whenever every expected count is at least 1 (Fisher–Irwin below).
    """
    if a.n == 0 or b.n == 0:
        return None
    n = a.n + b.n
    delta = a.successes / a.n - b.successes / b.n
    if n < 3:
        return Comparison(delta, None, None)
    pooled = (a.successes + b.successes) / n
    se = math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n))
    return _verdict(delta, z * se * math.sqrt(n / (n - 1)))


def welch(a: Mean, b: Mean, level: float = 0.95) -> Comparison | None:
    """Welch's t: the difference of two means without assuming equal variances.

    detectable = t(1 − α/2; ν) · √(s₁²/n₁ + s₂²/n₂), with Welch–Satterthwaite's
    ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)).
    """
    if a.n == 0 or b.n == 0:
        return None
    delta = a.mean - b.mean
    if a.n < 2 or b.n < 2:
        return Comparison(delta, None, None)
    va, vb = a.variance / a.n, b.variance / b.n
    se2 = va + vb
    if se2 == 0:  # every answer the same on both sides: any difference is real
        return _verdict(delta, 0.0)
    df = se2 ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1))
    return _verdict(delta, t_quantile(1 - (1 - level) / 2, df) * math.sqrt(se2))


def nps_difference(a: NpsSample, b: NpsSample, z: float = Z95) -> Comparison | None:
    """The adjusted-Wald interval of the difference of two NPS, in NPS points.

    Each sample: n' = n + 3, p' = (promoters + 3/4)/n', d' = (detractors + 3/4)/n',
    Var' = (p' + d' − (p' − d')²)/n'; detectable = 100 · z · √(Var'₁ + Var'₂). The
    adjustment keeps the interval honest at small n and at extreme scores (an NPS of +100
    on 10 answers still has a margin). `delta` is the difference of the two reported NPS.
    """
    if a.n == 0 or b.n == 0:
        return None

    def var(s: NpsSample) -> float:
        n = s.n + 3
        p, d = (s.promoters + 0.75) / n, (s.detractors + 0.75) / n
        return (p + d - (p - d) ** 2) / n

    delta = 100 * ((a.promoters - a.detractors) / a.n - (b.promoters - b.detractors) / b.n)
    return _verdict(delta, 100 * z * math.sqrt(var(a) + var(b)))


def mean_interval(s: Mean, level: float = 0.95) -> tuple[float, float] | None:
    """Student's t interval of a mean; None below 2 answers."""
    if s.n < 2:
        return None
    half = t_quantile(1 - (1 - level) / 2, s.n - 1) * math.sqrt(s.variance / s.n)
    return s.mean - half, s.mean + half


def wilson(s: Proportion, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval of a proportion (sound for small n and shares near 0 or 1)."""
    if s.n == 0:
        return None
    phat, n = s.successes / s.n, s.n
    den = 1 + z * z / n
    centre = (phat + z * z / (2 * n)) / den
    half = z * math.sqrt(phat * (1 - phat) / n + z * z / (4 * n * n)) / den
    return max(0.0, centre - half), min(1.0, centre + half)


# ------------------------------------------------------------------ distributions


def normal_quantile(p: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(p)


def t_cdf(t: float, df: float) -> float:
    """P(T ≤ t) for Student's t with `df` (> 0, not necessarily whole) degrees of freedom:
    the tail is ½·I_x(df/2, ½), x = df/(df + t²) (Abramowitz & Stegun 26.7.1); near the
    centre, ½ ± ½·I_{1−x}(½, df/2), the same value without the loss of digits of 1 − tail."""
    t2 = t * t
    if t2 < df:
        half = 0.5 * betainc(0.5, df / 2, t2 / (df + t2))
        return 0.5 + half if t >= 0 else 0.5 - half
    tail = 0.5 * betainc(df / 2, 0.5, df / (df + t2))
    return 1 - tail if t >= 0 else tail


@lru_cache(maxsize=256)
def t_quantile(p: float, df: float) -> float:
    """The t such that P(T ≤ t) = p: Newton's method on `t_cdf` from the normal quantile,
    kept inside a bracket that halves when a step would leave it."""
    if not 0 < p < 1 or df <= 0:
        raise ValueError(f"t_quantile needs 0 < p < 1 and df > 0, got {p}, {df}")
    if p < 0.5:
        return -t_quantile(1 - p, df)
    if p == 0.5:
        return 0.0
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < p:
        lo, hi = hi, hi * 2
    t = min(max(normal_quantile(p), lo), hi)
    c = 1 / (math.sqrt(df) * _beta(df / 2, 0.5))  # the density's constant
    for _ in range(100):
        f = t_cdf(t, df) - p
        if f > 0:
            hi = t
        else:
            lo = t
        density = c * (1 + t * t / df) ** (-(df + 1) / 2)
        step = t - f / density if density > 0 else (lo + hi) / 2
        t_new = step if lo < step < hi else (lo + hi) / 2
        if abs(t_new - t) <= 1e-13 * max(1.0, abs(t)):
            return t_new
        t = t_new
    return t


def _beta(a: float, b: float) -> float:
    return math.exp(math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))


def betainc(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b), by its continued fraction
    (modified Lentz; Numerical Recipes §6.4), on the side where it converges fast."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(a * math.log(x) + b * math.log1p(-x)
                     + math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b))
    if x > (a + 1) / (a + b + 2):
        return 1 - front * _beta_fraction(b, a, 1 - x) / b
    return front * _beta_fraction(a, b, x) / a


def _beta_fraction(a: float, b: float, x: float) -> float:
    tiny, eps = 1e-300, 1e-15
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        for num in (m * (b - m) * x / ((a + m2 - 1) * (a + m2)),
                    -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))):
            d = 1 + num * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < eps:
            break
    return h
