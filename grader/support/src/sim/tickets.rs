//! A simulated box office: a [`Tally`] of the seats sold so far, and a card payment,
//! [`charge`], that takes 1 s.
//!
//! The tally is deliberately plain: reading and writing it are ordinary synchronous
//! calls, and writing needs `&mut`, so tasks that share it must put it behind a lock.
//! Both calls record a note in the trace under the name of whoever made them, so a
//! check can see each buyer's critical section: from its `read` to its `write`.

use std::fmt;
use std::time::Duration;

use crate::trace::note;

/// How long [`charge`] takes: 1 s.
///
/// ```
/// use workbook::sim::tickets::{self, CHARGE_TIME};
///
/// let run = workbook::run(tickets::charge("Ada", 1));
/// assert_eq!(run.virtual_elapsed, CHARGE_TIME);
/// ```
pub const CHARGE_TIME: Duration = Duration::from_secs(1);

/// Forgets this module's per-run settings. The box office has none: every run
/// starts with a fresh [`Tally`] made by the code under test.
pub(crate) fn reset() {}

/// The box office's count of seats sold. It starts at 0.
///
/// Not `Clone`, and [`write`](Tally::write) takes `&mut self`: there is one tally, and
/// buyers served at the same time must share it behind a lock.
///
/// ```
/// use workbook::sim::tickets::Tally;
///
/// let mut tally = Tally::new();
/// let sold = tally.read("Ada");
/// tally.write("Ada", sold + 1);
/// assert_eq!(tally.read("box office"), 1);
/// ```
#[derive(Debug, Default)]
pub struct Tally {
    sold: u32,
}

impl Tally {
    /// A tally with no seats sold.
    ///
    /// ```
    /// assert_eq!(workbook::sim::tickets::Tally::new().read("box office"), 0);
    /// ```
    pub fn new() -> Tally {
        Tally { sold: 0 }
    }

    /// How many seats are sold, as `who` reads it now. A plain call, no waiting.
    /// Traced as a note `read tally: <n> sold` of actor `who`.
    ///
    /// ```
    /// use workbook::sim::tickets::Tally;
    ///
    /// let run = workbook::run(async { Tally::new().read("Ada") });
    /// assert_eq!(run.value, 0);
    /// assert!(run.trace.find("Ada", "read tally: 0 sold").is_some());
    /// ```
    pub fn read(&self, who: &str) -> u32 {
        note(who, &format!("read tally: {} sold", self.sold));
        self.sold
    }

    /// Sets the number of seats sold to `sold`, as `who` writes it. A plain call, no
    /// waiting: whatever the tally said before is overwritten. Traced as a note
    /// `wrote tally: <n> sold` of actor `who`.
    ///
    /// ```
    /// use workbook::sim::tickets::Tally;
    ///
    /// let run = workbook::run(async {
    ///     let mut tally = Tally::new();
    ///     tally.write("Ada", 1);
    ///     tally.read("box office")
    /// });
    /// assert_eq!(run.value, 1);
    /// assert!(run.trace.find("Ada", "wrote tally: 1 sold").is_some());
    /// ```
    pub fn write(&mut self, who: &str, sold: u32) {
        note(who, &format!("wrote tally: {sold} sold"));
        self.sold = sold;
    }
}

/// A concert ticket: proof that `buyer` paid for `seat`, issued by [`charge`].
///
/// ```
/// let run = workbook::run(workbook::sim::tickets::charge("Ben", 2));
/// assert_eq!((run.value.buyer.as_str(), run.value.seat), ("Ben", 2));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticket {
    /// Who paid.
    pub buyer: String,
    /// The seat's number: 1 for the first seat sold, 2 for the second…
    pub seat: u32,
}

/// The answer to a buyer who came too late: every seat is sold.
///
/// ```
/// let refusal = workbook::sim::tickets::SoldOut { buyer: "Eve".to_string() };
/// assert_eq!(refusal.to_string(), "sold out: no seat left for Eve");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SoldOut {
    /// Who was turned away.
    pub buyer: String,
}

impl fmt::Display for SoldOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sold out: no seat left for {}", self.buyer)
    }
}

impl std::error::Error for SoldOut {}

/// Charges `buyer`'s card for `seat` and issues the ticket: takes 1 s, waiting in
/// tokio time. Traced as a span of actor `buyer`, from `charging for seat <n>` to
/// `paid for seat <n>`.
///
/// ```
/// use workbook::{run, secs, sim::tickets};
///
/// let run = run(tickets::charge("Ada", 1));
/// assert_eq!(run.value.seat, 1);
/// run.assert_elapsed(secs(1));
/// ```
pub async fn charge(buyer: &str, seat: u32) -> Ticket {
    super::wait(buyer.to_string(), &format!("charging for seat {seat}"), CHARGE_TIME, &format!("paid for seat {seat}"))
        .await;
    Ticket { buyer: buyer.to_string(), seat }
}
