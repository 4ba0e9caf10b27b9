//! The report protocol between the checks' harness (crate `workbook`) and the grader:
//! one place for what both sides must agree on.
//!
//! The harness appends one JSON object a line to the file named by [`REPORT_ENV`].
//! The code under test runs in the same process and may be able to read that file
//! (an exercise that allows `std::fs`), so a record carries no secret: it carries a
//! [`mac`] of its fields, keyed by a token the grader wrote to `<report>.token` and the
//! harness read and deleted before any check ran. Reading the records tells nothing
//! about the key, so a record the harness did not write never verifies.
//!
//! ```
//! let key = "a per-run secret";
//! let fields = [("event", "pass"), ("check", "three_fetches_take_one_second")];
//! let mac = grader_protocol::mac(key, &fields);
//! assert_eq!(mac.len(), 64);
//! assert_eq!(mac, grader_protocol::mac(key, &[fields[1], fields[0]]));
//! assert_ne!(mac, grader_protocol::mac(key, &[("event", "fail"), fields[1]]));
//! assert_ne!(mac, grader_protocol::mac("another key", &fields));
//! ```

use hmac::{Hmac, Mac as _};
use sha2::Sha256;

/// The variable naming the report file.
pub const REPORT_ENV: &str = "GRADER_REPORT";

/// What is appended to the report's path to name the token's file.
pub const TOKEN_SUFFIX: &str = ".token";

/// The field of a record that holds its MAC.
pub const MAC_FIELD: &str = "mac";

/// HMAC-SHA256 of `fields` (in any order: they are sorted by name first), keyed by
/// `key`, as lower-case hex. Each name and value is length-prefixed, so no two field
/// lists share an input.
pub fn mac(key: &str, fields: &[(&str, &str)]) -> String {
    let mut sorted = fields.to_vec();
    sorted.sort();
    let mut hmac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes a key of any length");
    for (name, value) in sorted {
        for part in [name, value] {
            hmac.update(&(part.len() as u64).to_le_bytes());
            hmac.update(part.as_bytes());
        }
    }
    hmac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `mac` is the MAC of `fields` under `key`, compared in constant time.
///
/// ```
/// let mac = grader_protocol::mac("k", &[("event", "start")]);
/// assert!(grader_protocol::verify("k", &[("event", "start")], &mac));
/// assert!(!grader_protocol::verify("k", &[("event", "pass")], &mac));
/// ```
pub fn verify(key: &str, fields: &[(&str, &str)], mac: &str) -> bool {
    let expected = self::mac(key, fields);
    expected.len() == mac.len() && expected.bytes().zip(mac.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}
