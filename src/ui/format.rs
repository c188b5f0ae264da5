//! How the page writes numbers: bytes in B / KB / MB, and digits in groups of three.
//! (Integer arithmetic only: formatting an `f64` would put Rust's float printer, about
//! 14 KB, into the first load.)

/// 12345 → "12.1 KB".
pub fn human_bytes(n: u64) -> String {
    match n {
        0..=9_999 => format!("{n} B"),
        10_000..=9_999_999 => format!("{} KB", one_decimal(n, 1024)),
        _ => format!("{} MB", one_decimal(n, 1024 * 1024)),
    }
}

/// `n / unit` with one decimal, exactly as `format!("{:.1}", n as f64 / unit as f64)`
/// prints it for a power-of-two `unit` (the quotient is exact; a tie rounds to even),
/// but in integers: formatting an `f64` would put Rust's float printer (about 14 KB)
/// into the wasm.
fn one_decimal(n: u64, unit: u64) -> String {
    let tenths = u128::from(n) * 10;
    let unit = u128::from(unit);
    let (mut q, r) = (tenths / unit, tenths % unit);
    if 2 * r > unit || (2 * r == unit && q % 2 == 1) {
        q += 1;
    }
    format!("{}.{}", q / 10, q % 10)
}

/// 1234567 → "1,234,567".
pub fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{group, human_bytes};

    /// What `human_bytes` printed when it formatted an `f64`.
    fn with_floats(n: u64) -> String {
        match n {
            0..=9_999 => format!("{n} B"),
            10_000..=9_999_999 => format!("{:.1} KB", n as f64 / 1024.0),
            _ => format!("{:.1} MB", n as f64 / (1024.0 * 1024.0)),
        }
    }

    #[test]
    fn integer_rounding_matches_float_formatting() {
        // Every value up to 2 MB, a sweep up to about 10^12, and the ties (an exact
        // .x5: n = 256 mod 512 in KB, n = 2^18 mod 2^19 in MB), which round to even.
        let sweep = (0..2_100_000u64).chain((0..200_000u64).map(|i| i * i * 25 + i));
        let ties = (0..100_000u64).flat_map(|k| [256 + 512 * k, (1 << 18) + (1 << 19) * k]);
        for n in sweep.chain(ties).chain([u64::from(u32::MAX), 1 << 52]) {
            assert_eq!(human_bytes(n), with_floats(n), "n = {n}");
        }
    }

    #[test]
    fn digits_in_groups_of_three() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(70_000), "70,000");
        assert_eq!(group(1_234_567), "1,234,567");
    }
}
