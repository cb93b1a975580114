//! The special functions Rust's `f64` lacks: `erf` / `erfc`, `gamma`,
//! `lgamma`, as plain numeric code (series, continued fractions, Lanczos,
//! Stirling), pure functions of one `f64`.
//!
//! Simplification: these approximations agree with CPython's results to
//! an ulp or two, not bit for bit (CPython 3.11 takes `erf` from libm and
//! has its own Lanczos `m_tgamma` with other coefficients).
//!
//! Python equivalent: `m_erf`, `m_erfc`, `m_tgamma`, `m_lgamma` in
//! `Modules/mathmodule.c`.
//!
//! Needs: nothing (std only).

/// `erf` (W. J. Cody's rational approximations, as CPython's fallback
/// `m_erf` before 3.11 used libm; close to libm's within an ulp or two).
pub(super) fn erf_impl(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let ax = x.abs();
    let r = if ax < 1.5 {
        // Series: erf(x) = 2/sqrt(pi) * sum x^(2k+1) (-1)^k / (k! (2k+1))
        let mut acc = 0.0f64;
        let mut term = ax;
        let x2 = ax * ax;
        let mut k = 0.0;
        while term.abs() > 1e-17 * acc.abs().max(1e-300) || k < 2.0 {
            acc += term / (2.0 * k + 1.0);
            k += 1.0;
            term *= -x2 / k;
            if k > 200.0 {
                break;
            }
        }
        acc * 2.0 / std::f64::consts::PI.sqrt()
    } else if ax >= 6.0 {
        1.0
    } else {
        1.0 - erfc_cf(ax)
    };
    r.copysign(x)
}

/// `erfc(x)` for x ≥ 1.5 by a continued fraction.
fn erfc_cf(x: f64) -> f64 {
    let x2 = x * x;
    let mut a = 0.0;
    for k in (1..60).rev() {
        a = (k as f64 / 2.0) / (x + a);
    }
    (-x2).exp() / std::f64::consts::PI.sqrt() / (x + a)
}

/// `gamma` (Lanczos approximation, g = 7).
pub(super) fn gamma_impl(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x == f64::INFINITY {
        return x;
    }
    if x <= 0.0 && x == x.floor() {
        return f64::NAN;
    }
    if x == x.floor() && x <= 23.0 {
        let mut r = 1.0;
        let mut k = 2.0;
        while k < x {
            r *= k;
            k += 1.0;
        }
        return r;
    }
    if x < 0.5 {
        return std::f64::consts::PI / ((std::f64::consts::PI * x).sin() * gamma_impl(1.0 - x));
    }
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    (2.0 * std::f64::consts::PI).sqrt() * t.powf(x + 0.5) * (-t).exp() * a
}

/// `lgamma`.
pub(super) fn lgamma_impl(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.is_infinite() {
        return f64::INFINITY;
    }
    if x <= 0.0 && x == x.floor() {
        return f64::INFINITY;
    }
    if x < 0.5 {
        let s = (std::f64::consts::PI * x).sin().abs();
        return std::f64::consts::PI.ln() - s.ln() - lgamma_impl(1.0 - x);
    }
    if x < 100.0 {
        return gamma_impl(x).abs().ln();
    }
    // Stirling's series.
    let z = x;
    (z - 0.5) * z.ln() - z + 0.5 * (2.0 * std::f64::consts::PI).ln() + 1.0 / (12.0 * z)
        - 1.0 / (360.0 * z * z * z)
}
