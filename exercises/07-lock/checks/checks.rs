//! The checks of exercise 07. Read them if you like; `grader check` notices edits.
//!
//! Each check opens a box office and lets several buyers buy at the same moment. The
//! trace records every read and write of the tally under the buyer's name, and every
//! payment as a bar, so the checks can see each sale's critical section: from the
//! buyer's read of the tally to its write.

use std::fmt::Write as _;
use std::sync::Arc;

use super::*;
use futures::future::join_all;
use workbook::sim::tickets::{CHARGE_TIME, SoldOut, Ticket};
use workbook::source::{Site, Source};
use workbook::story::listed;
use workbook::trace::{Event, Kind, Trace};
use workbook::{Run, assert_trace, format_secs};

/// Five buyers, in the order they reach the box office.
const FIVE_BUYERS: [&str; 5] = ["Ada", "Ben", "Cleo", "Dan", "Eve"];

/// What to do instead, for every message that finds a lost update.
const HOLD_ONE_LOCK: &str = "A sale must read and write the tally with nobody else's read or write in between. \
     Two ways to do that:\n\
     - Hold one lock for the whole sale, like `async with lock:` in Python: put the tally in a \
     `tokio::sync::Mutex<Tally>` and keep its guard from the read, across the `.await` of the \
     payment, to the write (`let mut tally = self.tally.lock().await;`).\n\
     - Or take the seat first: read and write the tally under one short lock, let the guard go, \
     and only then charge. A `std::sync::Mutex` is fine for that, as long as its guard never \
     lives across an `.await`.\n\
     Calling `lock()` twice, once to read and once to write, lets the lock go in between: \
     each `self.tally.lock()` in a statement of its own is a critical section of its own.";

/// Opens a box office with `seats` seats, lets every one of `buyers` buy at the same
/// moment (joined with `join_all`), then asks how many seats are sold.
async fn rush(seats: u32, buyers: &[&str]) -> (Vec<Result<Ticket, SoldOut>>, u32) {
    let office = BoxOffice::new(seats);
    let outcomes = join_all(buyers.iter().map(|buyer| office.buy(buyer))).await;
    let sold = office.sold().await;
    (outcomes, sold)
}

/// The same rush, but each buyer is served by a task of its own, the way a server
/// handles each request: `tokio::spawn` needs a future that is `Send`.
async fn rush_in_tasks(seats: u32, buyers: &[&'static str]) -> (Vec<Result<Ticket, SoldOut>>, u32) {
    let office = Arc::new(BoxOffice::new(seats));
    let handles: Vec<_> = buyers
        .iter()
        .map(|&buyer| {
            let office = Arc::clone(&office);
            tokio::spawn(async move { office.buy(buyer).await })
        })
        .collect();
    let mut outcomes = Vec::new();
    for handle in handles {
        outcomes.push(handle.await.expect("a buyer's task panicked"));
    }
    let sold = office.sold().await;
    (outcomes, sold)
}

/// A tally note: `(position in the trace, event, count)`.
type TallyNote<'a> = (usize, &'a Event, u32);

/// The count in a tally note, if `event` is a read (`"read"`) or a write (`"wrote"`).
fn tally_count(event: &Event, verb: &str) -> Option<u32> {
    if event.kind != Kind::Note {
        return None;
    }
    event.what.strip_prefix(verb)?.strip_prefix(" tally: ")?.strip_suffix(" sold")?.parse().ok()
}

fn is_tally_note(event: &Event) -> bool {
    tally_count(event, "read").is_some() || tally_count(event, "wrote").is_some()
}

/// What the trace says one buyer did.
struct Sale<'a> {
    buyer: String,
    reads: Vec<TallyNote<'a>>,
    writes: Vec<TallyNote<'a>>,
    /// Where each payment began in the trace.
    charges: Vec<usize>,
    /// Where each payment ended in the trace.
    paid: Vec<usize>,
}

impl<'a> Sale<'a> {
    fn of(trace: &'a Trace, buyer: &str) -> Sale<'a> {
        let mut sale = Sale {
            buyer: buyer.to_string(),
            reads: Vec::new(),
            writes: Vec::new(),
            charges: Vec::new(),
            paid: Vec::new(),
        };
        for (i, e) in trace.events().iter().enumerate().filter(|(_, e)| e.actor == buyer) {
            if let Some(n) = tally_count(e, "read") {
                sale.reads.push((i, e, n));
            } else if let Some(n) = tally_count(e, "wrote") {
                sale.writes.push((i, e, n));
            } else if e.kind == Kind::Begin && e.what.starts_with("charging") {
                sale.charges.push(i);
            } else if e.kind == Kind::End && e.what.starts_with("paid") {
                sale.paid.push(i);
            }
        }
        sale
    }

    /// The critical section: from the read that the last write is based on (the last
    /// read before it) to that write.
    fn section(&self) -> Option<(TallyNote<'a>, TallyNote<'a>)> {
        let last_write = *self.writes.last()?;
        let read = *self.reads.iter().rev().find(|r| r.0 < last_write.0)?;
        Some((read, last_write))
    }

    /// One line telling what this buyer did, for messages.
    fn story(&self, trace: &Trace) -> String {
        let events = trace.events();
        let mut indices: Vec<usize> = self.reads.iter().chain(&self.writes).map(|n| n.0).collect();
        indices.extend(&self.charges);
        indices.sort_unstable();
        let mut steps = Vec::new();
        for i in indices {
            let e = &events[i];
            let step = match (tally_count(e, "read"), tally_count(e, "wrote")) {
                (Some(n), _) => format!("read {n} at {}", format_secs(e.at)),
                (_, Some(n)) => format!("wrote {n} at {}", format_secs(e.at)),
                _ => {
                    let seat = e.what.trim_start_matches("charging for ");
                    let ended = events[i + 1..].iter().find(|end| end.actor == e.actor && end.kind != Kind::Note);
                    match ended {
                        Some(end) if end.kind == Kind::End => {
                            format!("paid for {seat} ({} → {})", format_secs(e.at), format_secs(end.at))
                        }
                        _ => format!("began paying for {seat} at {}, never finished", format_secs(e.at)),
                    }
                }
            };
            steps.push(step);
        }
        if steps.is_empty() {
            steps.push("never touched the tally".to_string());
        }
        format!("  {:<5} {}", self.buyer, steps.join(", "))
    }
}

/// Every buyer's line, for messages.
fn stories(trace: &Trace, buyers: &[&str]) -> String {
    buyers.iter().map(|buyer| Sale::of(trace, buyer).story(trace)).collect::<Vec<_>>().join("\n")
}

/// The first buyer whose critical section another read or write of the tally got
/// into, with the events that got in.
fn first_interleaving<'a>(trace: &'a Trace, buyers: &[&str]) -> Option<(Sale<'a>, Vec<&'a Event>)> {
    for buyer in buyers {
        let sale = Sale::of(trace, buyer);
        let Some((read, write)) = sale.section() else { continue };
        let intruders: Vec<&Event> =
            trace.events()[read.0 + 1..write.0].iter().filter(|e| e.actor != *buyer && is_tally_note(e)).collect();
        if !intruders.is_empty() {
            return Some((sale, intruders));
        }
    }
    None
}

/// The learner's file, as compiled: the source-level checks read it.
const SOURCE: &str = include_str!("../src/lock.rs");

/// Whether `site` takes a lock: `.lock()`, `.try_lock()`, `.lock_owned()`,
/// `.blocking_lock()`, an `RwLock`'s `.read()`/`.write()` (no arguments, unlike the
/// tally's), a `RefCell`'s `.borrow_mut()`.
fn takes_lock(site: &Site) -> bool {
    ["lock", "try_lock", "lock_owned", "blocking_lock", "read", "write", "borrow_mut"]
        .iter()
        .any(|m| site.is_method(m, Some(0)))
}

/// Whether `site` is a call of the tally's `read(..)` or `write(..)` (`verb`): a method
/// call with arguments.
fn tally_call(site: &Site, verb: &str) -> bool {
    site.method() == Some(verb) && site.args > 0
}

/// What the learner's source shows about the locking of a sale.
struct SourceLocks {
    src: Source,
    /// A tally write whose nearest lock (taken earlier in the same function) is not the
    /// lock of any tally read, and the read before it that has a lock of its own:
    /// `(read, write's lock, write)` as byte offsets.
    split: Option<(usize, usize, usize)>,
    /// A `Mutex::new`, `RwLock::new` or similar inside `buy`: a new lock on every call.
    lock_made_in_buy: Option<usize>,
    /// A sale that compares with `capacity` only before the critical section that
    /// writes the tally (a count read under another lock), and never inside it:
    /// `(comparison, section's read, write)` as byte offsets.
    checked_outside: Option<(usize, usize, usize)>,
}

/// The file's own functions that take a lock, themselves or through another of them
/// (`fn with_tally<R>(&self, f: impl FnOnce(&mut Tally) -> R) -> R { f(&mut self.tally.lock().unwrap()) }`):
/// a call of one is a lock taken and let go within that call.
fn locking_helpers(src: &Source) -> Vec<String> {
    let mut helpers: Vec<String> = Vec::new();
    loop {
        let more: Vec<String> = src
            .functions()
            .iter()
            .filter(|f| !f.closure && f.name != "buy" && !helpers.contains(&f.name))
            .filter(|f| {
                src.sites_in(f.body.clone())
                    .any(|s| takes_lock(s) || s.callee().is_some_and(|c| helpers.iter().any(|h| h == c)))
            })
            .map(|f| f.name.clone())
            .collect();
        if more.is_empty() {
            return helpers;
        }
        helpers.extend(more);
    }
}

/// Whether a call of `site` is a call of one of the file's `helpers` that lock.
fn calls_helper(site: &Site, helpers: &[String]) -> bool {
    (site.path().is_some() && site.callee().is_some_and(|c| helpers.iter().any(|h| h == c)))
        || site.method().is_some_and(|m| helpers.iter().any(|h| h == m))
}

fn source_locks(text: &str) -> Option<SourceLocks> {
    let src = Source::parse(text)?;
    let sites = src.sites();
    let helpers = locking_helpers(&src);
    // The lock a call at `at` goes through: the nearest lock taken before it, in the
    // innermost function that holds it (a call of a helper that locks counts: the
    // closure it is given runs under that helper's lock).
    let lock_of = |at: usize| -> Option<usize> {
        let body = src.function_at(at, false)?.body.clone();
        sites
            .iter()
            .rev()
            .find(|s| (takes_lock(s) || calls_helper(s, &helpers)) && body.start < s.at && s.at < at)
            .map(|s| s.at)
    };
    let reads: Vec<(usize, Option<usize>)> =
        sites.iter().filter(|s| tally_call(s, "read")).map(|s| (s.at, lock_of(s.at))).collect();
    let mut split = None;
    for write in sites.iter().filter(|s| tally_call(s, "write")).map(|s| s.at) {
        let Some(lock) = lock_of(write) else { continue };
        if reads.iter().any(|&(_, l)| l == Some(lock)) {
            continue;
        }
        let other = reads
            .iter()
            .rfind(|&&(r, l)| l.is_some() && r < write)
            .or_else(|| reads.iter().find(|&&(_, l)| l.is_some()));
        if let Some(&(read, read_lock)) = other {
            // A guard of a shared lock, held from before the read to after the write
            // (`let _gate = self.gate.lock().await;`, `let _permit = self.seats.acquire()..`),
            // keeps the sale whole whatever locks the tally itself takes inside it.
            if outer_guard(&src, read_lock.unwrap_or(read), write) {
                continue;
            }
            split = Some((read, lock, write));
            break;
        }
    }
    // Where the sale decides there is a seat left: a comparison with `capacity`.
    let compares_capacity = |site: &Site| {
        site.op().is_some() && site.receiver.iter().chain(&site.arguments).any(|side| side.contains("capacity"))
    };
    let mut checked_outside = None;
    for write in sites.iter().filter(|s| tally_call(s, "write")).map(|s| s.at) {
        let Some(lock) = lock_of(write) else { continue };
        // The section: from the last read under the write's own lock to the write.
        let Some(&(read, _)) = reads.iter().rfind(|&&(r, l)| l == Some(lock) && r < write) else { continue };
        let Some(function) = src.function_at(write, false) else { continue };
        let body = function.body.clone();
        let checks: Vec<usize> = src.sites_in(body).filter(|s| compares_capacity(s)).map(|s| s.at).collect();
        let inside = checks.iter().any(|&c| read < c && c < write);
        if let Some(&before) = checks.iter().rfind(|&&c| c < read)
            && !inside
        {
            checked_outside = Some((before, read, write));
            break;
        }
    }
    let lock_made_in_buy = src.functions().iter().find(|f| f.name == "buy" && !f.closure).and_then(|buy| {
        src.sites_in(buy.body.clone())
            .find(|s| {
                s.path().is_some_and(|p| {
                    ["Mutex::new", "RwLock::new", "RefCell::new", "Semaphore::new"].iter().any(|new| p.ends_with(new))
                })
            })
            .map(|s| s.at)
    });
    Some(SourceLocks { src, split, lock_made_in_buy, checked_outside })
}

/// Whether a guard bound with `let` before `before`, in the function that holds
/// `until`, on a lock or semaphore of `self` (shared by every call), is still held at
/// `until`: not dropped, and its block not closed before it.
fn outer_guard(src: &Source, before: usize, until: usize) -> bool {
    let Some(function) = src.function_at(until, false) else { return false };
    let takes = |s: &Site| {
        takes_lock(s)
            || s.is_method("acquire", Some(0))
            || s.is_method("acquire_owned", Some(0))
            || s.method() == Some("acquire_many")
    };
    src.sites_in(function.body.start + 1..before).filter(|s| takes(s)).any(|site| {
        let Some(guard) = src.guard_of(site) else { return false };
        let Some(name) = guard.name.as_deref().filter(|n| *n != "_") else { return false };
        site.receiver.as_deref().is_some_and(|r| r.starts_with("self."))
            && guard.block.end > until
            && !src.dropped_between(name, site.at, until)
    })
}

/// The lesson when the source reads the tally under one lock and writes it under
/// another, though the run lost no update.
fn split_lock_lesson(src: &Source, read: usize, write_lock: usize, write: usize) -> String {
    let (read_line, read_text) = src.line(read);
    let (lock_line, lock_text) = src.line(write_lock);
    let (write_line, write_text) = src.line(write);
    let mut lines = vec![format!("  line {read_line}: {read_text}")];
    if lock_line != write_line && lock_line != read_line {
        lines.push(format!("  line {lock_line}: {lock_text}"));
    }
    if write_line != read_line {
        lines.push(format!("  line {write_line}: {write_text}"));
    }
    // Through a helper of the file that takes the lock itself: each call is a section.
    let helper = src
        .sites()
        .iter()
        .find(|s| s.at == write_lock && !takes_lock(s))
        .and_then(|s| s.callee())
        .map(|name| {
            format!(
                "`{name}` takes the lock itself and lets it go when it returns, so each call of it is a \
                 critical section of its own: the read and the write are in two calls. "
            )
        })
        .unwrap_or_default();
    format!(
        "In src/lock.rs, the tally is read under one lock and written under another:\n{}\n\
         {helper}The first guard is gone before the second `lock()`, so between the read and the write the lock \
         is free. In this run nothing got into that gap: the checks run every buyer on one thread, and \
         there is no `.await` between the two. But under `#[tokio::main]` (a multi-thread runtime) the \
         buyers' tasks run on several threads at once: another buyer can take the lock in that gap, read \
         the same count, and both sell the same seat, a lost update that shows up only now and then.\n\n\
         {HOLD_ONE_LOCK}",
        lines.join("\n")
    )
}

/// The lesson when the source decides there is a seat left before the critical section
/// that takes it, and the section does not check again.
fn checked_outside_lesson(src: &Source, check: usize, read: usize, write: usize) -> String {
    let lines: Vec<String> = [check, read, write]
        .iter()
        .map(|&at| src.line(at))
        .fold(Vec::new(), |mut lines: Vec<(usize, &str)>, line| {
            if !lines.contains(&line) {
                lines.push(line);
            }
            lines
        })
        .into_iter()
        .map(|(n, text)| format!("  line {n}: {text}"))
        .collect();
    format!(
        "In src/lock.rs, the sale checks for a free seat before the critical section that takes it, \
         and the section does not check again:\n{}\n\
         The check looks at a count read under a lock that is let go before the seat is taken. In this \
         run nothing got into that gap: the checks run every buyer on one thread, with no `.await` \
         between the two. But under `#[tokio::main]` (a multi-thread runtime) two buyers can both read \
         2 of 3 seats sold, both pass the check, and both take a seat: 4 seats sold for a concert of 3, \
         now and then.\n\
         Compare the count with `self.capacity` inside the section that writes it, between its read and \
         its write (a quick look before the section is fine, as long as the section checks again).",
        lines.join("\n")
    )
}

/// The lesson for an interleaving: whose section, who got in, why that loses updates.
/// With `list`, every event that got in is shown.
fn interleaving_lesson(sale: &Sale, intruders: &[&Event], list: bool) -> String {
    let (read, write) = sale.section().expect("an interleaved sale has a section");
    let mut others: Vec<&str> = Vec::new();
    for e in intruders {
        if !others.contains(&e.actor.as_str()) {
            others.push(&e.actor);
        }
    }
    let mut out = format!(
        "{buyer} read the tally at {read_at} ({read_n} sold) and wrote it at {write_at} ({write_n} sold), \
         but in between, {others} read or wrote it too",
        buyer = sale.buyer,
        read_at = format_secs(read.1.at),
        read_n = read.2,
        write_at = format_secs(write.1.at),
        write_n = write.2,
        others = listed(&others),
    );
    if list {
        out.push_str(":\n");
        for e in intruders.iter().take(8) {
            let _ = writeln!(out, "  {}  {} {}", format_secs(e.at), e.actor, e.what);
        }
        if intruders.len() > 8 {
            let _ = writeln!(out, "  … and {} more", intruders.len() - 8);
        }
    } else {
        out.push_str(".\n");
    }
    let paid_inside = sale.charges.iter().any(|&c| read.0 < c && c < write.0);
    let gap = if paid_inside {
        format!("while {} waited for the payment (at its `.await`)", sale.buyer)
    } else {
        format!("at an `.await` between {}'s read and its write", sale.buyer)
    };
    // What the source shows decides which cause to name; otherwise the candidates.
    let source = source_locks(SOURCE);
    let source = source.as_ref();
    let why = if let Some((src, at)) = source.and_then(|s| Some((&s.src, s.lock_made_in_buy?))) {
        let (line, text) = src.line(at);
        format!(
            "Nothing kept them out {gap}. In src/lock.rs, `buy` makes a lock of its own on every call \
             (line {line}: {text}): each buyer locks a new lock that nobody else ever sees, so it keeps \
             nobody out. The buyers must share one lock: keep it in the `BoxOffice`, around the tally."
        )
    } else if let Some((src, (read_at, _, write_at))) = source.and_then(|s| Some((&s.src, s.split?))) {
        format!(
            "Here the lock was let go {gap}: in src/lock.rs the tally is read under one lock (line {}) and \
             written under another (line {}), and the other buyers ran in that gap.",
            src.line(read_at).0,
            src.line(write_at).0
        )
    } else {
        format!(
            "Nothing kept them out {gap}. Possible causes: the lock was let go there (a guard dropped, or \
             a second `lock()` after the `.await`), or the buyers do not share one lock (a lock made inside \
             `buy`, or one per buyer)."
        )
    };
    // What the events that got in show: the same count written, or read, as this sale's.
    let same_write: Vec<&str> =
        intruders.iter().filter(|e| tally_count(e, "wrote") == Some(write.2)).map(|e| e.actor.as_str()).collect();
    let same_read: Vec<&str> =
        intruders.iter().filter(|e| tally_count(e, "read") == Some(read.2)).map(|e| e.actor.as_str()).collect();
    let lost = if let Some(first) = same_write.first() {
        format!(
            "{first} wrote {} sold too, in between, so two sales counted one seat, and {} wrote over \
             {first}'s write: a lost update.",
            write.2, sale.buyer
        )
    } else if let Some(first) = same_read.first() {
        format!(
            "{first} read {} sold too, in between: two sales worked from one count, the count {} was \
             about to change, and when both write it, one write is lost: a lost update.",
            read.2, sale.buyer
        )
    } else {
        format!(
            "A sale that reads the tally while {} is between its read and its write can work from a count \
             that is about to change, and then two sales write the same count: a lost update.",
            sale.buyer
        )
    };
    let _ = write!(
        out,
        "{lost}\n\
         From one buyer's read of the tally to its write is a critical section: nobody else may read or \
         write the tally in between, and a lock is what keeps it that way. {why}\n\n{HOLD_ONE_LOCK}",
    );
    out
}

/// The lesson for the first sale that wrote something else than the count it had
/// just read + 1, if any.
fn stale_write(trace: &Trace, buyers: &[&str]) -> Option<String> {
    buyers.iter().find_map(|buyer| {
        let sale = Sale::of(trace, buyer);
        let (read, write) = sale.section()?;
        (write.2 != read.2 + 1).then(|| {
            // An earlier read of this buyer's whose count + 1 is what it wrote singles out a stale count.
            let earlier = sale.reads.iter().find(|r| r.0 < read.0 && r.2 + 1 == write.2);
            let why = match earlier {
                Some(r) => format!(
                    "{} sold is the count {buyer} read at {}, + 1. Writing a count read earlier, before the \
                     lock was taken again, overwrites the sales made in between: a lost update.",
                    write.2,
                    format_secs(r.1.at)
                ),
                None => "The trace shows no read of the tally by this buyer that the write is one more than. \
                         Possible causes: a count kept from somewhere else (a field, a variable of another \
                         sale), or an addition other than + 1."
                    .to_string(),
            };
            format!(
                "{buyer} read the tally at {} ({} sold), then wrote {} sold:\n{}\nA sale adds one seat to the \
                 count it has just read, under the same lock. {why}\n\n{HOLD_ONE_LOCK}",
                format_secs(read.1.at),
                read.2,
                write.2,
                sale.story(trace)
            )
        })
    })
}

/// Seat numbers of the tickets sold, in the order of the buyers.
fn seats(outcomes: &[Result<Ticket, SoldOut>]) -> Vec<u32> {
    outcomes.iter().filter_map(|o| o.as_ref().ok()).map(|t| t.seat).collect()
}

/// Fails unless the tickets sold are for seats 1..=`expected`, one each, and the tally
/// says `expected`. Explains a lost update with the trace. `scenario` says what the
/// check did, such as `10 seats, 5 buyers at once`.
fn ensure_seats_counted<T>(
    run: &Run<T>,
    scenario: &str,
    buyers: &[&str],
    outcomes: &[Result<Ticket, SoldOut>],
    sold: u32,
    expected: u32,
) {
    let mut numbers = seats(outcomes);
    numbers.sort_unstable();
    let one_each: Vec<u32> = (1..=expected).collect();
    if numbers == one_each && sold == expected {
        return;
    }
    let mut message = format!(
        "{scenario}: the {} tickets sold are for seats {numbers:?}, and the tally says {sold} sold. \
         Expected seats {one_each:?}, one each, and a tally of {expected}.",
        numbers.len(),
    );
    let mut distinct = numbers.clone();
    distinct.dedup();
    if distinct.len() < numbers.len() {
        message.push_str(" Some buyers hold a ticket for the same seat.");
    }
    let _ = writeln!(message, "\nWhat each buyer did:\n{}", stories(&run.trace, buyers));
    let why = if let Some((sale, intruders)) = first_interleaving(&run.trace, buyers) {
        interleaving_lesson(&sale, &intruders, false)
    } else if let Some(lesson) = stale_write(&run.trace, buyers) {
        lesson
    } else if sold != numbers.len() as u32 {
        "Every ticket sold must be counted in the tally: read the count, and write the count + 1 with \
         `Tally::write` before the sale ends. `sold()` reads it back."
            .to_string()
    } else {
        "A sale's seat is `count + 1`, where `count` is what it read from the tally.".to_string()
    };
    message.push_str(&why);
    run.fail(message);
}

/// Fails unless at most `seats` tickets were sold and nobody paid without getting one.
fn ensure_not_oversold<T>(
    run: &Run<T>,
    scenario: &str,
    buyers: &[&str],
    outcomes: &[Result<Ticket, SoldOut>],
    seats_total: u32,
) {
    let tickets = ticket_holders(outcomes);
    let charged = charges_made(&run.trace);
    if tickets.len() > seats_total as usize {
        run.fail(format!(
            "{scenario}: {} tickets were sold (seats {:?}), for {seats_total} seats: the concert is oversold. \
             What each buyer did:\n{}\n{}",
            tickets.len(),
            seats(outcomes),
            stories(&run.trace, buyers),
            match first_interleaving(&run.trace, buyers) {
                Some((sale, intruders)) => format!(
                    "Buyers saw free seats that other sales were already taking. {}",
                    interleaving_lesson(&sale, &intruders, false)
                ),
                None => HOLD_ONE_LOCK.to_string(),
            }
        ));
    }
    if charged > tickets.len() {
        let refused: Vec<&str> = outcomes.iter().filter_map(|o| o.as_ref().err()).map(|e| e.buyer.as_str()).collect();
        run.fail(format!(
            "{scenario}: {charged} cards were charged, but only {} tickets were sold: {} paid and {} told \
             the concert is sold out. What each buyer did:\n{}\n\
             Look at the tally (and take the seat, or keep the lock) before you charge: a buyer refused \
             with `SoldOut` must not have paid.",
            tickets.len(),
            listed(&refused),
            if refused.len() == 1 { "was" } else { "were" },
            stories(&run.trace, buyers)
        ));
    }
    let expected = (seats_total as usize).min(buyers.len());
    run.ensure(
        tickets.len() == expected && charged == expected,
        format!(
            "{scenario}: expected {expected} tickets and {expected} payments; got {} tickets ({}) and \
             {charged} payments. The first {expected} buyers get the seats; the others get `SoldOut`.",
            tickets.len(),
            listed(&tickets)
        ),
    );
}

/// How the buyers who paid arranged their sale: the payment inside the critical
/// section (between the read and the write of the tally), or after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// read, pay, write: the lock must be held across the payment.
    PayInside,
    /// read, write, then pay: the seat is taken before paying.
    PayAfter,
}

/// The shape of every paying buyer's sale, or a lesson if they differ or make no sense.
fn shape<T>(run: &Run<T>, buyers: &[&str]) -> Shape {
    let mut shapes = Vec::new();
    for buyer in buyers {
        let sale = Sale::of(&run.trace, buyer);
        let Some(&charge) = sale.charges.first() else { continue };
        if sale.writes.is_empty() {
            run.fail(format!(
                "{buyer} paid, but never wrote the tally, so no seat was counted for {buyer}:\n{}\n\
                 A buyer who pays must get a seat, and every seat sold must be counted with `Tally::write`. \
                 Read the tally before charging, and refuse with `SoldOut`, without charging, when every \
                 seat is taken.",
                sale.story(&run.trace)
            ));
        }
        let Some(((read, _, _), (write, _, _))) = sale.section() else {
            run.fail(format!(
                "{buyer} paid for a seat, but the trace shows no read of the tally followed by a write by \
                 {buyer}:\n{}\nEvery sale reads the count (`Tally::read`), checks there is a seat left, and \
                 writes the count + 1 (`Tally::write`), with the buyer's name in both calls.",
                sale.story(&run.trace)
            ));
        };
        if charge < read {
            run.fail(format!(
                "{buyer} paid before reading the count that the sale was based on:\n{}\nCharge only once \
                 you know there is a seat for the buyer: read the count, refuse with `SoldOut` if the concert \
                 is full, and charge either while you still hold the lock or after the seat is written.",
                sale.story(&run.trace)
            ));
        }
        let paid_inside = sale.paid.first().is_some_and(|&paid| paid < write);
        shapes.push((buyer, if charge < write && paid_inside { Shape::PayInside } else { Shape::PayAfter }));
    }
    let Some(&(_, first)) = shapes.first() else {
        run.fail("Nobody was charged: every sale must charge its buyer with `tickets::charge(buyer, seat).await`.");
    };
    if let Some((odd, _)) = shapes.iter().find(|(_, s)| *s != first) {
        run.fail(format!(
            "The sales are not all arranged the same way: {} paid {} writing the tally, but {odd} paid {}.\n\
             Pick one: read, pay, write under one lock held across the payment; or read and write under \
             the lock, then pay.",
            shapes[0].0,
            if first == Shape::PayInside { "before" } else { "after" },
            if first == Shape::PayInside { "after" } else { "before" },
        ));
    }
    first
}

/// If a buyer read the tally only at the instant another buyer's payment ended, the
/// trace's evidence that the lock was held across that payment.
fn waited_for_payment<T>(run: &Run<T>, buyers: &[&str]) -> Option<String> {
    let events = run.trace.events();
    buyers.iter().find_map(|buyer| {
        let sale = Sale::of(&run.trace, buyer);
        let (_, read, _) = *sale.reads.first()?;
        events
            .iter()
            .find(|e| e.kind == Kind::End && e.what.starts_with("paid") && e.actor != *buyer && e.at == read.at)
            .filter(|_| !read.at.is_zero())
            .map(|paid| {
                format!(
                    "{buyer} could read the tally only at {}, the instant {}'s payment ended: the lock was \
                     still held while each buyer paid.",
                    format_secs(read.at),
                    paid.actor
                )
            })
    })
}

/// Fails unless the run took what a correct lock implies for `sales` sales of this
/// shape: one at a time when each sale pays inside its critical section
/// (`sales` × 1 s), or all payments together when the seat is taken first (1 s).
fn assert_lock_time<T>(run: &Run<T>, buyers: &[&str], sales: u32) -> Shape {
    run.assert_not_blocked();
    let shape = shape(run, buyers);
    let expected = match shape {
        Shape::PayInside => CHARGE_TIME * sales,
        Shape::PayAfter => CHARGE_TIME,
    };
    let took = run.virtual_elapsed;
    if took == expected {
        return shape;
    }
    let rule = "The rule: while one sale is in its critical section (from its read of the tally to its \
                write), the other sales wait for the lock, and nothing else needs to wait.";
    match shape {
        Shape::PayInside if took < expected => run.fail(format!(
            "Each sale pays between reading and writing the tally, so each must keep the tally to itself \
             for its whole 1 s payment: {sales} sales one after another take {sales} × 1 s = {}. They took \
             {}: the sales overlapped, so nothing kept them apart while they waited for the payment.\n\
             {rule}\n\n{HOLD_ONE_LOCK}",
            format_secs(expected),
            format_secs(took)
        )),
        // A design of its own (the reference pays inside the lock): its picture would show
        // the other design's time.
        Shape::PayAfter if took > expected => run.fail_on_its_own(format!(
            "Each sale takes its seat (reads and writes the tally) before paying, so the payments need no \
             lock and can all run at once: {sales} sales take 1.000s. They took {}: the payments ran one \
             after another. {}\n{rule} \
             Let the guard go before the `.await` of the payment: put the read and the write in a `{{ }}` \
             block of their own, or `drop(tally)` once the seat is written. A guard lives until the end \
             of its block, like the body of an `async with lock:` in Python; a wider block makes \
             everyone wait longer.",
            format_secs(took),
            waited_for_payment(run, buyers).unwrap_or_else(|| {
                "Something made each payment wait for the one before; the tally's reads don't show it \
                 (the buyers read it without waiting for a payment), so look at what else each sale \
                 waits for before it charges."
                    .to_string()
            })
        )),
        _ => {
            run.assert_elapsed(expected);
            shape
        }
    }
}

/// A trace and the run's time, as the stored-trace comparison reads them.
struct Compared {
    trace: Trace,
    virtual_elapsed: std::time::Duration,
}

/// The trace without the buyers' looks: a read of the tally whose buyer's next step
/// (read, write or payment) is another read, so nothing was decided on it (a quick
/// "is anything left?" before the sale's own read, under a lock of its own).
fn without_looks(trace: &Trace) -> Trace {
    let events = trace.events();
    let step = |e: &Event| is_tally_note(e) || (e.kind == Kind::Begin && e.what.starts_with("charging"));
    let looks: Vec<usize> = (0..events.len())
        .filter(|&i| tally_count(&events[i], "read").is_some())
        .filter(|&i| {
            events[i + 1..]
                .iter()
                .find(|e| e.actor == events[i].actor && step(e))
                .is_some_and(|next| tally_count(next, "read").is_some())
        })
        .collect();
    Trace::from(
        events.iter().enumerate().filter(|(i, _)| !looks.contains(i)).map(|(_, e)| e.clone()).collect::<Vec<_>>(),
    )
}

/// The buyers who got a ticket, in the order of `buyers`.
fn ticket_holders(outcomes: &[Result<Ticket, SoldOut>]) -> Vec<&str> {
    outcomes.iter().filter_map(|o| o.as_ref().ok()).map(|t| t.buyer.as_str()).collect()
}

/// How many payments the trace shows beginning.
fn charges_made(trace: &Trace) -> usize {
    trace.events().iter().filter(|e| e.kind == Kind::Begin && e.what.starts_with("charging")).count()
}

workbook::checks! {
    fn every_sale_is_counted() {
        // 10 seats, 5 buyers at once: everyone gets a seat, and the tally must say 5.
        let scenario = "10 seats, 5 buyers at once";
        let run = workbook::run(rush(10, &FIVE_BUYERS));
        let (outcomes, sold) = &run.value;
        if let Some(refused) = outcomes.iter().find_map(|o| o.as_ref().err()) {
            run.fail(format!(
                "{scenario}, but {} was refused (`{refused}`). Refuse only when the tally already counts \
                 as many seats sold as the concert has.",
                refused.buyer
            ));
        }
        ensure_seats_counted(&run, scenario, &FIVE_BUYERS, outcomes, *sold, 5);
        assert_lock_time(&run, &FIVE_BUYERS, 5);
    }

    fn never_sells_more_seats_than_exist() {
        // 3 seats, 5 buyers at once: 3 tickets, 2 refusals, 3 payments.
        let scenario = "3 seats, 5 buyers at once";
        let run = workbook::run(rush(3, &FIVE_BUYERS));
        let (outcomes, sold) = &run.value;
        ensure_not_oversold(&run, scenario, &FIVE_BUYERS, outcomes, 3);
        ensure_seats_counted(&run, scenario, &FIVE_BUYERS, outcomes, *sold, 3);
        // Timing is `sales_take_as_long_as_the_lock_is_held`'s business; the real-time budget is everyone's.
        run.assert_not_blocked();
    }

    fn critical_sections_never_interleave() {
        let run = workbook::run(rush(3, &FIVE_BUYERS));
        let (outcomes, _) = &run.value;
        for buyer in ticket_holders(outcomes) {
            let sale = Sale::of(&run.trace, buyer);
            run.ensure(
                sale.section().is_some(),
                format!(
                    "{buyer} got a ticket, but the trace shows no read of the tally followed by a write by \
                     {buyer}:\n{}\nEvery sale must read the count with `tally.read(buyer)` and write the \
                     new count with `tally.write(buyer, count + 1)`: the checks see your critical sections \
                     through those two calls.",
                    sale.story(&run.trace)
                ),
            );
        }
        if let Some((sale, intruders)) = first_interleaving(&run.trace, &FIVE_BUYERS) {
            run.fail(interleaving_lesson(&sale, &intruders, true));
        }
        if let Some(lesson) = stale_write(&run.trace, &FIVE_BUYERS) {
            run.fail(lesson);
        }
        run.assert_not_blocked();
        // On one thread, a read and a write under two locks with no `.await` between them
        // lose nothing; on several threads they do. The source shows it on every run.
        if let Some(source) = source_locks(SOURCE)
            && let Some((read, write_lock, write)) = source.split
        {
            let mut lesson = split_lock_lesson(&source.src, read, write_lock, write);
            if let Some(at) = source.lock_made_in_buy {
                let (line, text) = source.src.line(at);
                lesson.push_str(&format!(
                    "\n\nA lock around the whole sale would do too, but not the one at line {line} ({text}): \
                     `buy` makes it afresh on every call, so each buyer locks a lock of its own, and it keeps \
                     nobody out. A lock that guards a sale belongs in the `BoxOffice`, shared by every buyer."
                ));
            }
            run.fail(lesson);
        }
        if let Some(source) = source_locks(SOURCE)
            && let Some((check, read, write)) = source.checked_outside
        {
            run.fail(checked_outside_lesson(&source.src, check, read, write));
        }
    }

    fn sales_take_as_long_as_the_lock_is_held() {
        // Paying inside the critical section: 3 sales × 1 s. Taking the seat first: 1 s.
        let run = workbook::run(rush(3, &FIVE_BUYERS));
        let (outcomes, _) = &run.value;
        let shape = assert_lock_time(&run, &FIVE_BUYERS, 3);
        run.ensure(
            ticket_holders(outcomes) == ["Ada", "Ben", "Cleo"],
            format!(
                "Ada, Ben and Cleo came first and should get the 3 seats; the tickets went to {}.",
                listed(&ticket_holders(outcomes))
            ),
        );
        // Two correct stories, one stored trace each; a quick look at the count before
        // the sale's own read (double-checked locking) changes neither.
        let compared = Compared { trace: without_looks(&run.trace), virtual_elapsed: run.virtual_elapsed };
        match shape {
            Shape::PayInside => assert_trace!(compared, "one_sale_at_a_time"),
            Shape::PayAfter => assert_trace!(compared, "seats_taken_before_paying"),
        }
    }

    fn buyers_served_by_their_own_tasks() {
        // The way a server would do it: one task per buyer. `tokio::spawn` needs a `Send`
        // future, which is why a `std::sync::MutexGuard` held across an `.await` doesn't compile.
        let scenario = "2 seats, 3 buyers, each served by a task of its own (`tokio::spawn`)";
        let buyers = ["Ada", "Ben", "Cleo"];
        let run = workbook::run(rush_in_tasks(2, &buyers));
        let (outcomes, sold) = &run.value;
        ensure_not_oversold(&run, scenario, &buyers, outcomes, 2);
        ensure_seats_counted(&run, scenario, &buyers, outcomes, *sold, 2);
        assert_lock_time(&run, &buyers, 2);
    }
}
