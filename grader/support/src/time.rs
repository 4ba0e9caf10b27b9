//! Durations as checks and messages write them.

use std::time::Duration;

/// `n` seconds. Shorthand for checks that are full of durations.
///
/// ```
/// assert_eq!(workbook::secs(2), std::time::Duration::from_secs(2));
/// ```
pub const fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// `n` milliseconds.
///
/// ```
/// assert_eq!(workbook::millis(500), std::time::Duration::from_millis(500));
/// ```
pub const fn millis(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A duration as messages and traces print it: seconds with three decimals, so
/// virtual times read exactly (`1.000s`, `0.500s`).
///
/// ```
/// assert_eq!(workbook::format_secs(std::time::Duration::from_millis(2500)), "2.500s");
/// ```
pub fn format_secs(d: Duration) -> String {
    format!("{}.{:03}s", d.as_secs(), d.subsec_millis())
}

/// Formats a real (wall-clock) duration, which varies from run to run, as roughly as it
/// deserves: `about 1.5 s`, `about 480 ms`. The spaces are non-breaking, so a wrapped
/// message never splits the figure from its unit.
///
/// ```
/// assert_eq!(workbook::format_real(workbook::millis(480)), "about\u{a0}480\u{a0}ms");
/// ```
pub fn format_real(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!("about\u{a0}{:.1}\u{a0}s", d.as_secs_f64())
    } else {
        format!("about\u{a0}{}\u{a0}ms", d.as_millis().max(1))
    }
}
