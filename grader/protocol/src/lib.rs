//! The report protocol between the checks' harness (crate `workbook`) and the grader:
//! one place for what both sides must agree on: the [`Record`]s, the [`FailKind`]s,
//! the environment names and how a record is signed ([`sign`]) and read ([`open`]).
//!
//! The harness appends one signed record a line to the file named by [`REPORT_ENV`]:
//! `{"record":{"event":"pass","check":"…"},"mac":"…"}`.
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
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// One event of a checks process, as the harness reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Record {
    /// A check began; `position` is its place in the exercise's list.
    Start { check: String, position: u32 },
    /// A check returned with every assertion met.
    Pass { check: String },
    /// A check failed: how (`kind`), where it panicked (`location`, if it did) and the
    /// lesson or panic message.
    Fail { check: String, kind: FailKind, location: String, message: String },
    /// A panic that did not end the check by itself, or that happened in the learner's
    /// code before the check failed: where, what, and in which kind of code.
    Panic { check: String, location: String, message: String, origin: PanicOrigin },
    /// The timeline of one run of a check, when the grader asks for timelines.
    Timeline { check: String, message: String },
}

impl Record {
    /// The check the record is about.
    pub fn check(&self) -> &str {
        match self {
            Record::Start { check, .. }
            | Record::Pass { check }
            | Record::Fail { check, .. }
            | Record::Panic { check, .. }
            | Record::Timeline { check, .. } => check,
        }
    }
}

/// How a check failed. The harness reports `Lesson`, `Panic`, `Blocked` and
/// `Deadlock`; the grader adds `Hung`, `Crashed` and `Tampered` from what it saw of
/// the process. Every reporter matches on it exhaustively.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailKind {
    /// An assertion of the check, with its lesson.
    Lesson,
    /// A panic in the learner's code or the check's, not a lesson.
    Panic,
    /// The runtime's thread was held (a spin, a stall inside one poll).
    Blocked,
    /// Nothing could happen any more and the run had not finished.
    Deadlock,
    /// The check ran past its wall-clock limit (the grader's finding).
    Hung,
    /// The checks' process died while the check ran (the grader's finding).
    Crashed,
    /// The check's records were not the harness's (the grader's finding).
    Tampered,
}

impl FailKind {
    /// Its name in records and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            FailKind::Lesson => "lesson",
            FailKind::Panic => "panic",
            FailKind::Blocked => "blocked",
            FailKind::Deadlock => "deadlock",
            FailKind::Hung => "hung",
            FailKind::Crashed => "crashed",
            FailKind::Tampered => "tampered",
        }
    }
}

/// Where a reported panic happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PanicOrigin {
    /// In the check's own code (the learner's function called by it).
    Check,
    /// In a spawned tokio task or `spawn_blocking` job, whose panic tokio caught.
    Task,
    /// In a thread the learner's code started.
    Thread,
}

/// A signed line as it sits in the report.
#[derive(Serialize, Deserialize)]
struct Signed {
    record: Record,
    mac: String,
}

/// The record's line for the report (no newline): the record and a MAC of its
/// canonical JSON, keyed by `key`.
///
/// ```
/// use grader_protocol::{Record, open, sign};
/// let record = Record::Pass { check: "three_fetches_take_one_second".into() };
/// let line = sign("a per-run secret", &record);
/// assert_eq!(open("a per-run secret", &line), Some(record.clone()));
/// assert_eq!(open("another key", &line), None);
/// let forged = line.replace("three_fetches", "other");
/// assert_eq!(open("a per-run secret", &forged), None);
/// ```
pub fn sign(key: &str, record: &Record) -> String {
    let mac = mac(key, &[("record", &canonical(record))]);
    serde_json::to_string(&Signed { record: record.clone(), mac }).expect("a record is plain data")
}

/// The record on `line` if it is well formed and its MAC verifies under `key`.
pub fn open(key: &str, line: &str) -> Option<Record> {
    let signed: Signed = serde_json::from_str(line).ok()?;
    verify(key, &[("record", &canonical(&signed.record))], &signed.mac).then_some(signed.record)
}

/// The one JSON spelling of a record that is signed: however a line was written, the
/// record read from it signs the same.
fn canonical(record: &Record) -> String {
    serde_json::to_string(record).expect("a record is plain data")
}

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
