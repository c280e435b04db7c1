//! Matrix products in 16-bit integers, for decoding.
//!
//! A weight matrix is quantised once, column by column: each column's largest weight maps to
//! the largest integer for which no sum of products can overflow 32 bits. Each input row is
//! quantised on the fly against its own largest value. The products are summed exactly in
//! 32-bit integers (two products per instruction with AVX2's `vpmaddwd`, one at a time in
//! plain Rust where the CPU lacks it) and scaled back to `f32` by the same operations on every
//! path, so results depend neither on the CPU nor on how the rows are batched.

/// What an input value at the row's largest magnitude becomes.
const X_MAX: i32 = 1 << 12;

/// A `k x n` matrix (rows of `n`) in 16-bit integers.
#[derive(Clone, Debug, Default)]
pub(crate) struct QMat {
    k: usize,
    n: usize,
    /// Pairs of rows interleaved: for pair `p` and column `j`, `w[2 (p n + j)]` is row `2p`'s
    /// weight and the next one row `2p + 1`'s (zero past the last row).
    w: Vec<i16>,
    /// Each column's weight step.
    step: Vec<f32>,
}

impl QMat {
    /// The matrix `w` of `k` rows of `n`.
    pub fn new(w: &[f32], k: usize, n: usize) -> QMat {
        let pairs = k.div_ceil(2);
        // `2 pairs * X_MAX * w_max` must stay below 2^31.
        let w_max = ((i32::MAX as usize) / (2 * pairs.max(1) * X_MAX as usize))
            .min(i16::MAX as usize) as f32;
        let step: Vec<f32> = (0..n)
            .map(|j| {
                let m = (0..k).map(|r| w[r * n + j].abs()).fold(0f32, f32::max);
                if m > 0.0 && m.is_finite() {
                    m / w_max
                } else {
                    0.0
                }
            })
            .collect();
        let mut q = vec![0i16; 2 * pairs * n];
        for r in 0..k {
            for j in 0..n {
                let v = if step[j] > 0.0 {
                    (w[r * n + j] / step[j]).round().clamp(-w_max, w_max) as i16
                } else {
                    0
                };
                q[2 * ((r / 2) * n + j) + r % 2] = v;
            }
        }
        QMat { k, n, w: q, step }
    }

    /// `y += x W` for `x` of rows of `k` (`y` of as many rows, of `n`), with `buf` for the
    /// quantised inputs and the integer sums.
    pub fn add_product(&self, x: &[f32], y: &mut [f32], buf: &mut QBuf) {
        let rows = self.sums(x, buf);
        for (r, yr) in y.chunks_exact_mut(self.n.max(1)).take(rows).enumerate() {
            self.add_row(buf, r, yr);
        }
    }

    /// The integer sums of `x W` into `buf`, for [`QMat::add_row`]; returns the rows of `x`.
    pub fn sums(&self, x: &[f32], buf: &mut QBuf) -> usize {
        buf.set_input(x, self.k);
        self.sums_again(buf)
    }

    /// The same for the input already in `buf` (of rows of this matrix's `k`, else none),
    /// which another matrix's product left there.
    pub fn sums_again(&self, buf: &mut QBuf) -> usize {
        let (k, n) = (self.k, self.n);
        let rows = if buf.k == k && n > 0 { buf.rows } else { 0 };
        buf.acc.clear();
        buf.acc.resize(rows * n, 0);
        sums(&buf.x, rows, k.div_ceil(2), &self.w, n, &mut buf.acc);
        rows
    }

    /// `y += ` row `r` of the product [`QMat::sums`] left in `buf`.
    pub fn add_row(&self, buf: &QBuf, r: usize, y: &mut [f32]) {
        let n = self.n;
        dequantise(&buf.acc[r * n..(r + 1) * n], &self.step, buf.row_step[r], y);
    }
}

/// `x` into `q` against its largest magnitude, which maps to `X_MAX`; returns the step of
/// one unit (zero, and `q` zeros, for a row of zeros or with a value that is not finite).
#[multiversion::multiversion(targets("x86_64+avx2+fma", "x86_64+avx"))]
fn quantise(x: &[f32], q: &mut [i16]) -> f32 {
    // The largest magnitude from the bits (which order finite magnitudes as their values do,
    // and put infinities and NaNs above them), so the loop is an integer one that vectorises.
    const INF: u32 = 0x7f80_0000;
    let top = x.iter().fold(0u32, |m, v| m.max(v.to_bits() & 0x7fff_ffff));
    if top == 0 || top >= INF {
        q.iter_mut().for_each(|v| *v = 0);
        return 0.0;
    }
    let m = f32::from_bits(top);
    let s = X_MAX as f32 / m;
    // Adding 1.5 * 2^23 rounds to the nearest integer (ties to even), which is then in the
    // low mantissa bits (magnitudes here are at most `X_MAX`).
    const ROUND: f32 = 12_582_912.0;
    for (q, &v) in q.iter_mut().zip(x) {
        *q = ((v * s + ROUND).to_bits() as i32).wrapping_sub(ROUND.to_bits() as i32) as i16;
    }
    m / X_MAX as f32
}

/// `y += acc * step * row_step`, column by column.
#[multiversion::multiversion(targets("x86_64+avx2+fma", "x86_64+avx"))]
fn dequantise(acc: &[i32], step: &[f32], row_step: f32, y: &mut [f32]) {
    for ((v, &a), &cs) in y.iter_mut().zip(acc).zip(step) {
        *v += a as f32 * cs * row_step;
    }
}

/// Work buffers of [`QMat::add_product`]: the quantised input, its rows' steps, the sums.
#[derive(Clone, Debug, Default)]
pub(crate) struct QBuf {
    k: usize,
    rows: usize,
    x: Vec<i16>,
    row_step: Vec<f32>,
    acc: Vec<i32>,
}

impl QBuf {
    /// Quantises `x`, rows of `k`, each row padded to whole pairs.
    fn set_input(&mut self, x: &[f32], k: usize) {
        let pairs = k.div_ceil(2);
        self.k = k;
        self.rows = x.len().checked_div(k).unwrap_or(0);
        self.x.clear();
        self.x.resize(self.rows * 2 * pairs, 0);
        self.row_step.clear();
        for (xr, q) in x
            .chunks_exact(k.max(1))
            .take(self.rows)
            .zip(self.x.chunks_exact_mut(2 * pairs))
        {
            self.row_step.push(quantise(xr, q));
        }
    }
}

/// `acc = x w` in integers: `x` of `rows` rows of `2 pairs`, `w` interleaved as in [`QMat`].
fn sums(x: &[i16], rows: usize, pairs: usize, w: &[i16], n: usize, acc: &mut [i32]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the feature the function needs was detected.
            unsafe { x86::sums_avx2(x, rows, pairs, w, n, acc) };
            return;
        }
    }
    sums_plain(x, rows, pairs, w, n, 0, acc);
}

/// [`sums`] for columns `from..n`, one product at a time.
fn sums_plain(
    x: &[i16],
    rows: usize,
    pairs: usize,
    w: &[i16],
    n: usize,
    from: usize,
    acc: &mut [i32],
) {
    for r in 0..rows {
        let xr = &x[r * 2 * pairs..(r + 1) * 2 * pairs];
        for j in from..n {
            let mut s = 0i32;
            for p in 0..pairs {
                let at = 2 * (p * n + j);
                s = s
                    .wrapping_add(i32::from(xr[2 * p]) * i32::from(w[at]))
                    .wrapping_add(i32::from(xr[2 * p + 1]) * i32::from(w[at + 1]));
            }
            acc[r * n + j] = s;
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use std::arch::x86_64::*;

    /// Integer sums for a tile of `R` rows by `8 C` columns starting at row `r0` and column
    /// `j`, accumulated in registers over all pairs: `vpmaddwd` multiplies the pairs and adds
    /// each pair's two products.
    ///
    /// # Safety
    ///
    /// `x` holds rows `r0..r0 + R` of `2 pairs`, `w` pairs `0..pairs` of `n` columns with
    /// `j + 8 C <= n`, and `acc` rows `r0..r0 + R` of `n`.
    #[target_feature(enable = "avx2")]
    #[inline]
    unsafe fn tile<const R: usize, const C: usize>(
        x: &[i16],
        r0: usize,
        pairs: usize,
        w: &[i16],
        n: usize,
        j: usize,
        acc: &mut [i32],
    ) {
        let mut s = [[_mm256_setzero_si256(); C]; R];
        for p in 0..pairs {
            let mut wv = [_mm256_setzero_si256(); C];
            for (c, v) in wv.iter_mut().enumerate() {
                let at = 2 * (p * n + j + 8 * c);
                debug_assert!(at + 16 <= w.len());
                // SAFETY: the sixteen values from `at` are in `w` (the caller's promise).
                *v = unsafe { _mm256_loadu_si256(w.as_ptr().add(at) as *const __m256i) };
            }
            for (r, sr) in s.iter_mut().enumerate() {
                let at = (r0 + r) * 2 * pairs + 2 * p;
                debug_assert!(at + 2 <= x.len());
                // SAFETY: the pair at `at` is in `x` (the caller's promise).
                let xb = _mm256_set1_epi32(unsafe {
                    (x.as_ptr().add(at) as *const i32).read_unaligned()
                });
                for (a, &b) in sr.iter_mut().zip(&wv) {
                    *a = _mm256_add_epi32(*a, _mm256_madd_epi16(xb, b));
                }
            }
        }
        for (r, sr) in s.iter().enumerate() {
            for (c, a) in sr.iter().enumerate() {
                let at = (r0 + r) * n + j + 8 * c;
                debug_assert!(at + 8 <= acc.len());
                // SAFETY: the eight lanes from `at` are in `acc` (the caller's promise).
                unsafe { _mm256_storeu_si256(acc.as_mut_ptr().add(at) as *mut __m256i, *a) };
            }
        }
    }

    /// [`super::sums`] with AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) fn sums_avx2(
        x: &[i16],
        rows: usize,
        pairs: usize,
        w: &[i16],
        n: usize,
        acc: &mut [i32],
    ) {
        assert!(x.len() >= rows * 2 * pairs && w.len() >= 2 * pairs * n && acc.len() >= rows * n);
        let full = rows / 4 * 4;
        let mut j = 0;
        // SAFETY (each tile): rows below `rows`, columns below `n`, in the lengths checked.
        // Tiles of four rows by sixteen columns: eight accumulators, two weight vectors and a
        // broadcast input stay within AVX2's sixteen registers.
        while j + 16 <= n {
            for r in (0..full).step_by(4) {
                unsafe { tile::<4, 2>(x, r, pairs, w, n, j, acc) };
            }
            for r in full..rows {
                unsafe { tile::<1, 2>(x, r, pairs, w, n, j, acc) };
            }
            j += 16;
        }
        while j + 8 <= n {
            for r in (0..full).step_by(4) {
                unsafe { tile::<4, 1>(x, r, pairs, w, n, j, acc) };
            }
            for r in full..rows {
                unsafe { tile::<1, 1>(x, r, pairs, w, n, j, acc) };
            }
            j += 8;
        }
        super::sums_plain(x, rows, pairs, w, n, j, acc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::neural::{plain_product, Rng};

    /// The exact integer sums of every path agree, and the product is close to the plain one.
    #[test]
    fn quantised_products_are_close_to_the_plain_ones() {
        let mut rng = Rng::new(5);
        for (rows, k, n) in [
            (7, 13, 37),
            (4, 96, 384),
            (9, 192, 320),
            (1, 5, 100),
            (0, 4, 8),
            (3, 1, 41),
        ] {
            let x: Vec<f32> = (0..rows * k).map(|_| rng.sym(1.0)).collect();
            let w: Vec<f32> = (0..k * n).map(|_| rng.sym(0.5)).collect();
            let y0: Vec<f32> = (0..rows * n).map(|_| rng.unit()).collect();
            let mut plain = y0.clone();
            plain_product(&x, k, &w, n, &mut plain);
            let q = QMat::new(&w, k, n);
            let mut y = y0.clone();
            let mut buf = QBuf::default();
            q.add_product(&x, &mut y, &mut buf);
            // Each product is off by at most half a step of both factors.
            let tol = 1e-3 * (k as f32).sqrt() + 1e-5;
            for (a, b) in plain.iter().zip(&y) {
                assert!((a - b).abs() < tol, "{rows}x{k}x{n}: {a} {b}");
            }
            let pairs = k.div_ceil(2);
            let mut exact = vec![0; rows * n];
            sums_plain(&buf.x, rows, pairs, &q.w, n, 0, &mut exact);
            assert_eq!(exact, buf.acc, "{rows}x{k}x{n}");
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                let mut avx2 = vec![0; rows * n];
                // SAFETY: the feature was detected.
                unsafe { x86::sums_avx2(&buf.x, rows, pairs, &q.w, n, &mut avx2) };
                assert_eq!(exact, avx2, "{rows}x{k}x{n}");
            }
        }
    }

    #[test]
    fn a_second_matrix_reuses_the_quantised_input() {
        let mut rng = Rng::new(9);
        let (rows, k, n) = (5, 24, 40);
        let x: Vec<f32> = (0..rows * k).map(|_| rng.sym(0.9)).collect();
        let mats: Vec<QMat> = (0..2)
            .map(|_| {
                let w: Vec<f32> = (0..k * n).map(|_| rng.sym(0.3)).collect();
                QMat::new(&w, k, n)
            })
            .collect();
        let mut buf = QBuf::default();
        mats[0].sums(&x, &mut buf);
        assert_eq!(mats[1].sums_again(&mut buf), rows);
        let again = buf.acc.clone();
        mats[1].sums(&x, &mut buf);
        assert_eq!(again, buf.acc);
        // A matrix of another width of input takes no rows from it.
        let other = QMat::new(&[1.0; 6], 3, 2);
        assert_eq!(other.sums_again(&mut buf), 0);
    }

    #[test]
    fn zero_and_odd_inputs_do_not_break_the_product() {
        let w = [1.0f32, -2.0, 0.0, 0.5, 3.0, 0.0];
        let q = QMat::new(&w, 3, 2);
        let mut buf = QBuf::default();
        let mut y = [0f32; 4];
        q.add_product(&[0.0, 0.0, 0.0, 1.0, 1.0, 1.0], &mut y, &mut buf);
        assert_eq!(&y[..2], &[0.0, 0.0]);
        assert!(
            (y[2] - 4.0).abs() < 1e-3 && (y[3] + 1.5).abs() < 1e-3,
            "{y:?}"
        );
        // Non-finite inputs zero their row instead of spreading.
        let mut y = [0f32; 2];
        q.add_product(&[f32::NAN, 1.0, 1.0], &mut y, &mut buf);
        assert_eq!(y, [0.0, 0.0]);
    }
}
