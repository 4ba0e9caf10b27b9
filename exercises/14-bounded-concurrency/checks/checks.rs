//! The checks of exercise 14. Read them if you like; `grader check` notices edits.
//!
//! Each check gives `make_thumbnails` a list of photos and a limit. The thumbnail
//! service counts the resizes in progress (`jobs::peak()` is the most there ever were at
//! once), and the trace shows when each photo started and finished, so a check can tell
//! how many ran at once, and whether a place was left empty while photos were waiting.

use std::fmt::Write as _;
use std::time::Duration;

use super::*;
use workbook::sim::jobs::{self, Thumbnail};
use workbook::source::{Function, Site, Source};
use workbook::story::{Bar, GaveUp, bars, listed_at_most, within};
use workbook::trace::{Kind, Trace};
use workbook::{Run, assert_trace, format_secs, secs};

/// One call of `make_thumbnails`: which photos, how long some of them take, what limit.
struct Scenario {
    /// What the check does, in words, for messages.
    what: &'static str,
    /// `photo01.jpg`, `photo02.jpg`, … in this order.
    photos: Vec<String>,
    limit: usize,
    /// Photos that don't take 1 s, and how long they take.
    slow: Vec<(String, Duration)>,
}

/// An unsorted list of photos with uneven times, none a round number: they finish in an
/// order that is neither the list's nor the names'.
const UNEVEN: [(&str, u64); 7] = [
    ("tower.jpg", 1337),
    ("beach.jpg", 411),
    ("market.jpg", 2003),
    ("alley.jpg", 777),
    ("zoo.jpg", 1213),
    ("cliff.jpg", 529),
    ("harbor.jpg", 913),
];

impl Scenario {
    /// `count` photos named `photo01.jpg`…; `slow` gives `(number, seconds)` for the
    /// photos that don't take 1 s.
    fn new(what: &'static str, count: usize, limit: usize, slow: &[(usize, u64)]) -> Scenario {
        Scenario {
            what,
            photos: (1..=count).map(photo).collect(),
            limit,
            slow: slow.iter().map(|&(number, time)| (photo(number), secs(time))).collect(),
        }
    }
}

/// The name of photo number `number`: `photo07.jpg`.
fn photo(number: usize) -> String {
    format!("photo{number:02}.jpg")
}

/// What a run of a scenario gives back: the thumbnails, and the most resizes the
/// service ever had in progress at once.
#[derive(Debug)]
struct Outcome {
    thumbnails: Vec<Thumbnail>,
    peak: usize,
    /// Set when `make_thumbnails` was still waiting after [`PATIENCE`] (its thumbnails
    /// are then empty).
    gave_up: Option<GaveUp>,
}

/// How long a check waits for `make_thumbnails` before it calls it stuck: 60 s of
/// virtual time, far more than any scenario needs.
const PATIENCE: Duration = secs(60);

fn run_scenario(scenario: &Scenario) -> Run<Outcome> {
    workbook::run(async {
        for (photo, time) in &scenario.slow {
            jobs::set_resize_time(photo, *time);
        }
        let photos: Vec<&str> = scenario.photos.iter().map(String::as_str).collect();
        match within(PATIENCE, make_thumbnails(&photos, scenario.limit)).await {
            Ok(thumbnails) => Outcome { thumbnails, peak: jobs::peak(), gave_up: None },
            Err(gave_up) => Outcome { thumbnails: Vec::new(), peak: jobs::peak(), gave_up: Some(gave_up) },
        }
    })
}

/// `a, b and c`; a long list is cut short; nobody, for none.
fn names<S: AsRef<str>>(names: &[S]) -> String {
    if names.is_empty() { "nobody".to_string() } else { listed_at_most(names.iter().map(AsRef::as_ref), 5) }
}

/// `1 photo`, `3 photos`.
fn photos_count(n: usize) -> String {
    if n == 1 { "1 photo".to_string() } else { format!("{n} photos") }
}

/// The first moment the most resizes were in progress, and which they were.
fn busiest(trace: &Trace) -> (Duration, Vec<&str>) {
    let mut running: Vec<&str> = Vec::new();
    let mut best: (Duration, Vec<&str>) = (Duration::ZERO, Vec::new());
    for e in trace.events() {
        match e.kind {
            Kind::Begin => {
                running.push(&e.actor);
                if running.len() > best.1.len() {
                    best = (e.at, running.clone());
                }
            }
            Kind::End | Kind::Dropped => {
                if let Some(i) = running.iter().position(|r| *r == e.actor) {
                    running.remove(i);
                }
            }
            Kind::Note => {}
        }
    }
    best
}

/// How to keep to a limit, for every message that finds too many resizes at once.
const TAKE_A_PERMIT: &str = "To let only `limit` through, do what Python does with `async with sem:`. Make one \
     `tokio::sync::Semaphore::new(limit)` for the whole call, before the photos; in each photo's future, first \
     `let _permit = semaphore.acquire().await.unwrap();`, then resize. The permit goes back to the semaphore when \
     `_permit` is dropped, at the end of its block: after the resize. (`futures::StreamExt::buffer_unordered(limit)` \
     is the other way.)";

/// Ways to take a permit and hold nothing back, for messages that find every photo at once.
const PERMIT_TRAPS: &str = "If your code does take permits, look for one of the four ways to take a permit and still \
     let every photo through:\n\
     - `let _ = semaphore.acquire().await;` The `_` pattern is not a name: it binds nothing, so the permit is \
     dropped on that very line. A name that starts with an underscore (`_permit`) keeps it to the end of the block.\n\
     - A `Semaphore` made inside each photo's future: every photo gets a semaphore of its own, with all its \
     permits free. Make one before the photos and share it (by reference, or in an `Arc` for spawned tasks).\n\
     - A permit taken before `tokio::spawn` but not moved into the task: it is dropped at the end of the loop's \
     block, right after the spawn, while the resize has only just started. Move it into the task \
     (`async move { let _permit = permit; … }`), or take it inside the task (`acquire_owned`).\n\
     - A permit dropped before the resize is awaited: `let resize = jobs::resize(photo); drop(permit); \
     resize.await`. Calling `jobs::resize(photo)` only makes a future; the resize runs at its `.await`, so the \
     permit must still be alive there.";

/// The cause of "nothing held back" that is not about permits: a limit on the waiting.
const SPAWNED_FIRST: &str = "If your code limits something other than permits, look at what it limits: a task \
     spawned with `tokio::spawn` runs at once, whatever awaits its JoinHandle later, so `buffer_unordered(limit)` \
     (or any cap) over the JoinHandles of tasks already spawned limits only the waiting. Limit the starting: \
     put the resize futures themselves in the stream, or take a permit inside each task before its resize.";

/// Fails unless the service had exactly `min(limit, photos)` resizes in progress at its
/// busiest: never more than the limit, and not fewer either.
fn ensure_limit_kept(run: &Run<Outcome>, scenario: &Scenario) {
    let limit = scenario.limit;
    let count = scenario.photos.len();
    let expected = limit.min(count);
    let peak = run.value.peak;
    if peak == expected {
        return;
    }
    let (at, busiest) = busiest(&run.trace);
    let what = scenario.what;
    if peak > limit {
        let why = if peak == count {
            format!(
                "Nothing held the photos back: all {count} resizes started the moment they were created, as with \
                 a plain `join_all` (or `asyncio.gather` without a semaphore). A real thumbnail service would \
                 answer the extra requests with `429 Too Many Requests`, or run out of memory.\n\n\
                 {TAKE_A_PERMIT}\n{PERMIT_TRAPS}\n{SPAWNED_FIRST}"
            )
        } else {
            format!(
                "Something held the photos back, but to {peak} rather than {limit}: a semaphore with more permits \
                 than `limit` (a number written in the code, instead of the `limit` parameter?), or a hand-made \
                 cap that lets one too many through (`>` where `>=` was meant).\n\n{TAKE_A_PERMIT}"
            )
        };
        run.fail(format!(
            "{what}: {peak} resizes were in progress at once (at {}: {}), but the limit is {limit}.\n{why}",
            format_secs(at),
            names(&busiest),
        ));
    }
    if peak == 0 {
        run.fail(format!(
            "{what}: the thumbnail service never resized a photo. Each thumbnail comes from \
             `jobs::resize(photo).await`: a future does nothing until it is awaited."
        ));
    }
    if peak == 1 {
        run.fail(format!(
            "{what}: the photos were resized one at a time, each starting only when the one before had \
             finished, so their times added up. The limit allows {expected} at once.\n\
             Awaiting each resize in a `for` loop runs them one after another, whatever the limit. Start them \
             all together (`join_all`), and let a `tokio::sync::Semaphore` with `limit` permits hold back the \
             ones beyond the limit: each photo's future waits for a permit, then resizes. Or feed the photos \
             through `buffer_unordered(limit)`, which keeps `limit` of them going."
        ));
    }
    run.fail(format!(
        "{what}: at most {peak} resizes were ever in progress at once, though {expected} were allowed and \
         photos were waiting: a place stayed empty the whole time, and the photos took longer than they had to.\n\
         A limit of {limit} means up to {limit} at once, and exactly {limit} while at least that many photos are \
         waiting. Look for an off-by-one: a semaphore made with `limit - 1` permits, fewer workers than `limit`, \
         or a cap that counts from the wrong end (`>=` where `>` was meant). Use `limit` as it is."
    ));
}

/// Fails with a lesson if `make_thumbnails` never returned: the check gave up on it
/// after [`PATIENCE`].
fn ensure_returned(run: &Run<Outcome>, scenario: &Scenario) {
    let Some(gave_up) = &run.value.gave_up else { return };
    let what = scenario.what;
    let resizes = bars(&run.trace);
    let started = resizes.len();
    let finished = resizes.iter().filter(|r| r.to.is_some()).count();
    let count = scenario.photos.len();
    let state = if gave_up.waiting.is_empty() {
        "no resize was in progress then".to_string()
    } else {
        format!("in progress then: {}", names(&gave_up.waiting))
    };
    let why = if gave_up.waiting.is_empty() && started < count {
        format!(
            "Nothing was left that could wake it: it waited for something no one would ever give. Possible \
             causes:\n\
             - permits taken in the loop that builds the futures, before any of them runs: a future does \
             nothing until it is awaited (by `join_all`, say), so the permits it holds are never given back, \
             and the loop waits for permit number {} for ever. Take the permit inside each photo's future: \
             `let _permit = semaphore.acquire().await` as its first line, then the resize;\n\
             - a permit, or a place of a hand-made cap, that is never given back (`forget()`, a count never \
             lowered), so the photos after the first {} wait for ever;\n\
             - a worker or collector waiting on a channel whose Sender is still alive.",
            scenario.limit + 1,
            scenario.limit,
        )
    } else {
        "Something it awaits never finished. Await only the photos' resizes, and what they need to \
         start (a permit, a free place)."
            .to_string()
    };
    run.fail(format!(
        "{what}: `make_thumbnails` never returned: the check gave up on it after {} of virtual time. By then \
         {started} of the {count} photos had started their resize and {finished} had finished; {state}.\n{why}",
        format_secs(gave_up.after),
    ));
}

/// Fails unless every photo was resized exactly once and got exactly one thumbnail.
fn ensure_one_thumbnail_each(run: &Run<Outcome>, scenario: &Scenario) {
    let what = scenario.what;
    let resizes = bars(&run.trace);
    for photo in &scenario.photos {
        let times = resizes.iter().filter(|r| r.actor == photo).count();
        if times > 1 {
            run.fail(format!(
                "{what}: {photo} was resized {times} times. Resize each photo once: one `jobs::resize` call per \
                 photo, each awaited once."
            ));
        }
    }
    let got: Vec<&str> = run.value.thumbnails.iter().map(|t| t.photo.as_str()).collect();
    let missing: Vec<&str> = scenario.photos.iter().map(String::as_str).filter(|photo| !got.contains(photo)).collect();
    let mut extra: Vec<&str> = Vec::new();
    for photo in &got {
        let repeated = got.iter().filter(|p| *p == photo).count() > 1;
        let unknown = !scenario.photos.iter().any(|p| p == photo);
        if (repeated || unknown) && !extra.contains(photo) {
            extra.push(photo);
        }
    }
    if !missing.is_empty() || !extra.is_empty() {
        let mut message = format!(
            "{what}: `make_thumbnails` returned {} thumbnails for {}.",
            got.len(),
            photos_count(scenario.photos.len())
        );
        if !missing.is_empty() {
            let _ = write!(message, " Missing: {}.", names(&missing));
        }
        if !extra.is_empty() {
            let _ = write!(message, " More than one, or not from the list: {}.", names(&extra));
        }
        message.push_str(
            " Return what every resize returned, one thumbnail per photo. If a resize was dropped before it \
             finished (the timeline shows ✗), its thumbnail was never made: a future that is dropped is cancelled.",
        );
        run.fail(message);
    }
    for photo in &scenario.photos {
        if !resizes.iter().any(|r| r.actor == photo && r.to.is_some()) {
            run.fail(format!(
                "{what}: there is a thumbnail of {photo}, but the thumbnail service never finished resizing it. \
                 Every thumbnail must come from `jobs::resize(photo).await`."
            ));
        }
    }
}

/// Fails unless the thumbnails came back in the order of the photos.
fn ensure_input_order(run: &Run<Outcome>, scenario: &Scenario) {
    let got: Vec<&str> = run.value.thumbnails.iter().map(|t| t.photo.as_str()).collect();
    let Some(position) = scenario.photos.iter().zip(&got).position(|(photo, thumbnail)| photo != thumbnail) else {
        return;
    };
    let resizes = bars(&run.trace);
    let finished = |photo: &str| resizes.iter().find(|r| r.actor == photo).and_then(|r| r.to);
    let finish_times: Vec<Option<Duration>> = got.iter().map(|photo| finished(photo)).collect();
    let in_finishing_order = finish_times.windows(2).all(|pair| pair[0] <= pair[1]);
    let mut by_name = got.clone();
    by_name.sort_unstable();
    let order = if in_finishing_order {
        "the order in which the resizes finished".to_string()
    } else if by_name == got {
        "alphabetical order of the photos' names, not the order of the list".to_string()
    } else {
        "neither the order of the photos nor the order in which they finished".to_string()
    };
    let mut message = format!(
        "{}: the thumbnails came back in {order}. Place {} holds the thumbnail of {}, where that of {} belongs.\n",
        scenario.what,
        position + 1,
        got[position],
        scenario.photos[position],
    );
    if got.len() <= 10 {
        let _ = writeln!(message, "  photos:     {}", scenario.photos.join(", "));
        let _ = writeln!(message, "  thumbnails: {}", got.join(", "));
    }
    if by_name == got && !in_finishing_order {
        message.push_str(
            "Sorting by name gives the order of the list only when the list happens to be sorted: this one isn't. ",
        );
    }
    message.push_str(
        "The caller pairs each thumbnail with its photo by position, as with the results of `asyncio.gather`, so \
         they must come back in the order of `photos`, however the resizes finished. `buffer_unordered` (like \
         `FuturesUnordered` and `JoinSet::join_next`) hands results out as they finish. Carry each photo's index \
         along (`photos.iter().enumerate()`) and put each thumbnail back in its place at the end (sort by the \
         index). `join_all` over futures that each take a semaphore permit keeps the order by itself. \
         (`buffered(limit)` keeps it too, but see what `a_slow_photo_does_not_hold_up_the_others` says about it.)",
    );
    run.fail(message);
}

/// The first stretch of time when fewer than `limit` photos were resizing although
/// photos that had not started yet were waiting.
struct EmptyPlace<'a> {
    from: Duration,
    /// When the next photo started.
    to: Duration,
    /// The photos that had not started at `from`.
    waiting: Vec<&'a str>,
    /// From `from` to `to`, each stretch during which the same photos were resizing.
    stretches: Vec<(Duration, Duration, Vec<&'a str>)>,
}

fn first_empty_place<'a>(resizes: &[Bar<'a>], limit: usize) -> Option<EmptyPlace<'a>> {
    let mut instants: Vec<Duration> = resizes.iter().flat_map(|r| [Some(r.from), r.to]).flatten().collect();
    instants.sort_unstable();
    instants.dedup();
    let busy_at =
        |at: Duration| -> Vec<&'a str> { resizes.iter().filter(|r| r.in_progress_at(at)).map(|r| r.actor).collect() };
    for &at in &instants {
        let Some(next_start) = resizes.iter().map(|r| r.from).filter(|&from| from > at).min() else { break };
        if busy_at(at).len() < limit {
            let waiting = resizes.iter().filter(|r| r.from > at).map(|r| r.actor).collect();
            let cuts: Vec<Duration> =
                instants.iter().copied().filter(|&t| t >= at && t < next_start).chain([next_start]).collect();
            let stretches = cuts.windows(2).map(|pair| (pair[0], pair[1], busy_at(pair[0]))).collect();
            return Some(EmptyPlace { from: at, to: next_start, waiting, stretches });
        }
    }
    None
}

/// Whether every photo started when no other resize was in progress: batches.
fn in_batches(resizes: &[Bar<'_>]) -> bool {
    resizes.iter().all(|start| !resizes.iter().any(|r| r.from < start.from && r.in_progress_at(start.from)))
}

const BATCHES: &str = "The photos went in batches: a batch started only when the whole batch before it had finished, so \
     every batch waited for its slowest photo. That is what `photos.chunks(limit)` with a `join_all` per chunk does \
     (in Python, a `gather` per slice of the list). It never runs more than `limit` at once, but a limit is a \
     ceiling, not a batch size: the moment one resize finishes, the next photo should take its place.\n\
     A `tokio::sync::Semaphore` does exactly that: every photo waits for a permit, and a permit given back goes \
     straight to the next photo in line. `buffer_unordered(limit)` does it too.";

const HELD_PLACES: &str = "Resizes had finished, but their places were not given to the next photos until later. The \
     trace shows when, not why; the usual causes:\n\
     - `buffered(limit)`. It hands the results out in the order of the input, so a finished resize keeps its place \
     in the window until every photo before it is done: one slow photo holds up the photos behind it. \
     `buffer_unordered(limit)` gives a place to the next photo as soon as any resize finishes; use it, carry each \
     photo's index along (`enumerate`), and put the thumbnails back in order at the end. Waiting for the oldest \
     of `limit` JoinHandles before starting the next photo (a queue of handles, awaited front first) holds \
     places the same way: `JoinSet::join_next` waits for whichever finishes first.\n\
     - Photos dealt out in advance, say `limit` workers with a share of the list each: the worker whose share \
     holds the slow photo still has photos left when the others are done. Let the workers take the next photo \
     from one shared queue, or use a `tokio::sync::Semaphore`, whose permits go to the next photo in line.\n\
     - A loop that looks for a finished resize every so often (a `sleep` between `try_join_next()` or \
     `is_finished()` calls): it notices a finished resize only at its next look. Await the next one to finish \
     instead (`join_next().await`, a semaphore permit).";

/// Fails unless the run took exactly `expected`, explaining an empty place (when it took
/// longer) or a photo started out of turn. `why` says where `expected` comes from.
/// Runs `scenario` and holds it to every rule of the task: not blocked, the limit kept,
/// one thumbnail each, in input order, in `expected` (see [`assert_time`]).
fn run_by_every_rule(scenario: &Scenario, expected: Duration, why: &str) -> Run<Outcome> {
    let run = run_scenario(scenario);
    run.assert_not_blocked();
    ensure_returned(&run, scenario);
    ensure_limit_kept(&run, scenario);
    ensure_one_thumbnail_each(&run, scenario);
    ensure_input_order(&run, scenario);
    assert_time(&run, scenario, expected, why);
    run
}

fn assert_time(run: &Run<Outcome>, scenario: &Scenario, expected: Duration, why: &str) {
    run.assert_not_blocked();
    let took = run.virtual_elapsed;
    if took == expected {
        return;
    }
    let what = scenario.what;
    let resizes = bars(&run.trace);
    let head = format!("{what}: expected exactly {} ({why}); it took {}.", format_secs(expected), format_secs(took));
    if took > expected
        && let Some(empty) = first_empty_place(&resizes, scenario.limit)
    {
        let mut message = format!(
            "{head}\nFrom {} to {}, {} waited, though places were free:\n",
            format_secs(empty.from),
            format_secs(empty.to),
            names(&empty.waiting),
        );
        for (from, to, busy) in &empty.stretches {
            let _ = writeln!(
                message,
                "  {} → {}  {} of {} places in use{}",
                format_secs(*from),
                format_secs(*to),
                busy.len(),
                scenario.limit,
                if busy.is_empty() { String::new() } else { format!(": {}", names(busy)) },
            );
        }
        message.push_str(if in_batches(&resizes) { BATCHES } else { HELD_PLACES });
        run.fail(message);
    }
    let started = |photo: &str| resizes.iter().find(|r| r.actor == photo).map(|r| r.from);
    for (i, early) in scenario.photos.iter().enumerate() {
        let Some(early_start) = started(early) else { continue };
        let late = scenario.photos[i + 1..]
            .iter()
            .filter(|later| started(later).is_some_and(|s| s < early_start))
            .min_by_key(|later| started(later));
        if let Some(late) = late {
            run.fail(format!(
                "{head}\n{early} is number {} in the list, but it started at {}, after {late}, which comes later \
                 in the list, had started at {}.\nStart the photos in the order of the list, like a queue: the \
                 first waiting photo takes the next free place. A `tokio::sync::Semaphore` is fair, so its \
                 permits go out in the order they were asked for; `buffer_unordered` takes the photos in the \
                 order of its stream. A worker pool that takes photos with `Vec::pop` takes the last one first.",
                i + 1,
                format_secs(early_start),
                format_secs(started(late).unwrap_or_default()),
            ));
        }
    }
    run.assert_elapsed(expected);
}

/// A run's trace as the snapshots store it: at each instant, the resizes that finished
/// come before the ones that started (a place is given back before it is taken again).
/// Correct answers record one instant in different orders: a semaphore records
/// "photo01 and photo02 done, photo05 and photo06 start", a `join_all` of workers
/// "photo01 done, photo05 starts, photo02 done, photo06 starts". Both tell the same story.
struct Settled {
    trace: Trace,
    virtual_elapsed: Duration,
}

fn settled(run: &Run<Outcome>) -> Settled {
    let rank = |kind: Kind| match kind {
        Kind::End | Kind::Dropped => 0,
        Kind::Begin => 1,
        Kind::Note => 2,
    };
    let mut events = run.trace.events().to_vec();
    events.sort_by_key(|e| (e.at, rank(e.kind)));
    Settled { trace: Trace::from(events), virtual_elapsed: run.virtual_elapsed }
}

impl Scenario {
    /// The [`UNEVEN`] photos, in their order, with their times.
    fn uneven(what: &'static str, limit: usize) -> Scenario {
        Scenario {
            what,
            photos: UNEVEN.iter().map(|(name, _)| name.to_string()).collect(),
            limit,
            slow: UNEVEN.iter().map(|&(name, ms)| (name.to_string(), workbook::millis(ms))).collect(),
        }
    }
}

/// The learner's file, as compiled: [`a_hand_made_cap_holds_on_many_threads`] reads it.
const SOURCE: &str = include_str!("../src/bounded.rs");

/// What one spot of the code does to shared state.
#[derive(Clone, Copy, Default)]
struct Does {
    /// Takes a lock, or reads or changes an atomic.
    access: bool,
    /// Compares (`<`, `>=`, `==`, …, `compare_exchange`, `fetch_update`).
    compare: bool,
    /// Changes a count (`+=`, `-=`, `fetch_add`, `store`, …).
    change: bool,
}

impl Does {
    fn any(self) -> bool {
        self.access || self.compare || self.change
    }

    fn and(self, other: Does) -> Does {
        Does {
            access: self.access || other.access,
            compare: self.compare || other.compare,
            change: self.change || other.change,
        }
    }

    /// What a site does by itself.
    fn of(site: &Site) -> Does {
        let method = |names: &[&str], args: Option<usize>| names.iter().any(|m| site.is_method(m, args));
        let compare_exchange = method(&["compare_exchange", "compare_exchange_weak"], None);
        Does {
            access: method(&["lock", "try_lock", "read", "write", "borrow_mut"], Some(0))
                || method(&["load", "fetch_add", "fetch_sub", "swap", "fetch_update"], None)
                || compare_exchange,
            compare: site.op().is_some_and(|op| ["<", ">", "<=", ">=", "==", "!="].contains(&op))
                || compare_exchange
                || method(&["fetch_update"], None),
            change: site.op().is_some_and(|op| ["+=", "-="].contains(&op))
                || method(&["fetch_add", "fetch_sub", "store", "swap"], None),
        }
    }
}

struct Step<'a> {
    at: usize,
    does: Does,
    /// What was locked or read (`state.running`), for a direct access: the names and
    /// dots just before the call.
    receiver: Option<&'a str>,
}

/// The steps of `function`'s own code, in order; a call of a helper (another function
/// or named closure of the file) is one step that does what the helper does.
fn steps<'a>(src: &'a Source, function: &'a Function, does: &[Does]) -> Vec<Step<'a>> {
    let mut out = Vec::new();
    for site in src.own_sites(function) {
        let direct = Does::of(site);
        let mut d = direct;
        let name = site.path().or(site.method());
        for (helper, helper_does) in src.functions().iter().zip(does) {
            if name == Some(helper.name.as_str()) {
                d = d.and(*helper_does);
            }
        }
        if d.any() {
            let receiver =
                site.receiver.as_deref().filter(|_| direct.access && site.method().is_some()).map(|r| {
                    r.rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')).map_or(r, |n| &r[n + 1..])
                });
            out.push(Step { at: site.at, does: d, receiver: receiver.filter(|r| !r.is_empty()) });
        }
    }
    out
}

/// The `.await`s of `function`'s own code that may suspend the task: not the one of a
/// `.lock()` of an async mutex, which only waits while another task holds that very lock.
fn awaits<'a>(src: &'a Source, function: &'a Function) -> Vec<&'a Site> {
    src.own_sites(function)
        .filter(|s| {
            s.is_await() && !s.awaited_method.as_deref().is_some_and(|m| ["lock", "read", "write"].contains(&m))
        })
        .collect()
}

/// Whether `site` lies in a block that opens after `after` and closes before `before`
/// (the body of an `if` or a `while` that the way from `after` to `before` goes around).
fn in_a_block_between(site: &Site, after: usize, before: usize) -> bool {
    site.blocks.iter().any(|b| b.start > after && b.end <= before)
}

/// A race that one thread never shows, found in the source.
enum CapRace {
    /// A count looked at and compared at `look`, then changed at `change` under another
    /// lock (or a second atomic operation), with no `.await` and no new comparison between.
    LookThenChange { look: usize, change: usize },
    /// Shared state looked at, at `look`, before the `notified()` future made at
    /// `notified` is created, and not looked at again before it is awaited.
    LookThenNotified { look: usize, notified: usize },
    /// Waiters notified at `notify` before the count is changed at `change`, with no
    /// `.await` between.
    NotifyThenChange { notify: usize, change: usize },
    /// With `notify_one`: the `notified()` future made at `notified` is not `enable()`d
    /// before the look at `look`, which it then waits after.
    LookBeforeEnabled { notified: usize, look: usize },
}

/// One function's own code: its steps, its `.await`s and its other sites.
struct Body<'a> {
    sites: Vec<&'a Site>,
    steps: Vec<Step<'a>>,
    awaits: Vec<&'a Site>,
}

fn cap_race_in_source(src: &Source) -> Option<CapRace> {
    let functions = src.functions();
    // What each helper does, calls of other helpers included (a few rounds: a helper that
    // calls a helper that calls one).
    let mut does = vec![Does::default(); functions.len()];
    for _ in 0..3 {
        does = functions
            .iter()
            .map(|f| steps(src, f, &does).iter().fold(Does::default(), |all, s| all.and(s.does)))
            .collect();
    }
    let bodies: Vec<Body<'_>> = functions
        .iter()
        .map(|f| Body { sites: src.own_sites(f).collect(), steps: steps(src, f, &does), awaits: awaits(src, f) })
        .collect();
    let await_between = |awaits: &[&Site], from: usize, to: usize| awaits.iter().any(|w| from < w.at && w.at < to);

    for Body { steps, awaits, .. } in &bodies {
        for (i, change) in steps.iter().enumerate().filter(|(_, s)| s.does.change) {
            // The access under which the change is made, and no comparison from there on.
            let Some(a) = steps[..=i].iter().rposition(|s| s.does.access) else { continue };
            if steps[a..=i].iter().any(|s| s.does.compare) {
                continue;
            }
            // The comparison before it, and the look whose value it compares.
            let Some(c) = steps[..a].iter().rposition(|s| s.does.compare) else { continue };
            let Some(l) = steps[..=c].iter().rposition(|s| s.does.access) else { continue };
            let (look, compare, access) = (&steps[l], &steps[c], &steps[a]);
            if let (Some(one), Some(other)) = (look.receiver, access.receiver)
                && one != other
            {
                continue;
            }
            let suspends = awaits
                .iter()
                .any(|w| look.at < w.at && w.at < change.at && !in_a_block_between(w, compare.at, access.at));
            if !suspends {
                return Some(CapRace::LookThenChange { look: look.at, change: access.at });
            }
        }
    }
    let notified_sites = |sites: &[&'_ Site]| -> Vec<usize> {
        sites.iter().filter(|s| s.is_method("notified", Some(0))).map(|s| s.at).collect()
    };
    for Body { sites, steps, awaits } in &bodies {
        for notified in notified_sites(sites) {
            let Some(wait) = awaits.iter().find(|w| w.at > notified) else { continue };
            let looks = steps.iter().filter(|s| s.does.access);
            let Some(look) = looks.clone().rfind(|s| s.at < notified) else { continue };
            if !looks.clone().any(|s| notified < s.at && s.at < wait.at) {
                return Some(CapRace::LookThenNotified { look: look.at, notified });
            }
        }
    }
    for Body { sites, steps, awaits } in &bodies {
        let notifies = sites
            .iter()
            .filter(|s| ["notify_waiters", "notify_one", "notify_last"].iter().any(|m| s.is_method(m, Some(0))));
        for notify in notifies {
            let Some(change) = steps.iter().find(|s| s.at > notify.at && s.does.change) else {
                continue;
            };
            let same_block = notify.blocks.first().is_none_or(|block| change.at < block.end);
            if same_block && !await_between(awaits, notify.at, change.at) {
                return Some(CapRace::NotifyThenChange { notify: notify.at, change: change.at });
            }
        }
    }
    if src.sites().iter().any(|s| s.is_method("notify_one", Some(0)) || s.is_method("notify_last", Some(0))) {
        for Body { sites, steps, awaits } in &bodies {
            for notified in notified_sites(sites) {
                let Some(wait) = awaits.iter().find(|w| w.at > notified) else { continue };
                let Some(look) = steps.iter().find(|s| s.does.access && notified < s.at && s.at < wait.at) else {
                    continue;
                };
                if !src.sites_in(notified..look.at).any(|s| s.is_method("enable", Some(0))) {
                    return Some(CapRace::LookBeforeEnabled { notified, look: look.at });
                }
            }
        }
    }
    None
}

workbook::checks! {
    fn twenty_photos_four_at_a_time() {
        let scenario = Scenario::new("20 photos of 1 s each, limit 4", 20, 4, &[]);
        run_by_every_rule(&scenario, secs(5), "20 photos on 4 places: 5 rounds of 1 s");
    }

    fn the_limit_comes_from_the_caller() {
        let scenario = Scenario::new("9 photos of 1 s each, limit 3", 9, 3, &[]);
        run_by_every_rule(&scenario, secs(3), "9 photos on 3 places: 3 rounds of 1 s");

        let scenario = Scenario::new("3 photos of 1 s each, limit 10", 3, 10, &[]);
        run_by_every_rule(&scenario, secs(1), "fewer photos than places: all 3 at once");
    }

    fn a_slow_photo_does_not_hold_up_the_others() {
        let scenario = Scenario::new(
            "10 photos, limit 4; photo03.jpg is a panorama that takes 3 s, the others take 1 s",
            10,
            4,
            &[(3, 3)],
        );
        let run = run_scenario(&scenario);
        run.assert_not_blocked();
        ensure_returned(&run, &scenario);
        ensure_limit_kept(&run, &scenario);
        ensure_one_thumbnail_each(&run, &scenario);
        assert_time(
            &run,
            &scenario,
            secs(3),
            "12 s of resizing on 4 places, none left empty while a photo waits: the panorama keeps one place \
             for 3 s, and the 9 other photos take turns on the other 3",
        );
        assert_trace!(settled(&run), "a_slow_photo_does_not_hold_up_the_others");
    }

    fn thumbnails_come_back_in_input_order() {
        let scenario = Scenario::new(
            "6 photos, limit 3; photo04.jpg takes 3 s, photo05.jpg 2 s, the others 1 s",
            6,
            3,
            &[(4, 3), (5, 2)],
        );
        let run = run_by_every_rule(
            &scenario,
            secs(4),
            "photo01.jpg to photo03.jpg from 0 s to 1 s, then photo04.jpg to photo06.jpg from 1 s, the last \
             done at 4 s",
        );
        assert_trace!(settled(&run), "thumbnails_come_back_in_input_order");
    }

    fn uneven_photos_in_an_unsorted_list() {
        let scenario = Scenario::uneven(
            "7 photos in a list that is not sorted by name (tower, beach, market, alley, zoo, cliff, harbor), \
             taking 1.337, 0.411, 2.003, 0.777, 1.213, 0.529 and 0.913 s, limit 3",
            3,
        );
        let run = run_by_every_rule(
            &scenario,
            workbook::millis(2779),
            "each photo takes the first place that frees up: beach.jpg is done at 0.411s and alley.jpg takes its \
             place, alley.jpg at 1.188s (zoo.jpg), tower.jpg at 1.337s (cliff.jpg), cliff.jpg at 1.866s \
             (harbor.jpg), and harbor.jpg, the last, is done at 2.779s",
        );
        assert_trace!(settled(&run), "uneven_photos_in_an_unsorted_list");
    }

    fn a_hand_made_cap_holds_on_many_threads() {
        // Read from the source: on the checks' one thread nothing runs between two lines
        // that have no `.await` between them, so a race there can't be made to strike.
        // A `Semaphore` does its looking and taking inside `acquire()`: nothing to read.
        let Some(src) = Source::parse(SOURCE) else { return };
        if src.sites().iter().any(|s| s.path().is_some_and(|p| p.ends_with("Semaphore::new"))) {
            return;
        }
        const ONE_THREAD: &str = "On the checks' single thread nothing runs between two lines that have no `.await` \
             between them, so the other checks could not show it; under `#[tokio::main]` (a multi-thread runtime) \
             the photos' tasks run on several threads at once, and it happens now and then, which is the hardest \
             kind of bug to find.";
        match cap_race_in_source(&src) {
            Some(CapRace::LookThenChange { look, change }) => {
                let (ll, lt) = src.line(look);
                let (cl, ct) = src.line(change);
                workbook::fail(format!(
                    "In src/bounded.rs, a count is looked at and compared in one step:\n  line {ll}: {lt}\n\
                     and changed in a second step, under a lock taken again (or a second atomic operation):\n  \
                     line {cl}: {ct}\n\
                     with no new comparison in between. Between the two steps nothing holds the count: two tasks on \
                     two threads can both look, both see one place left, and both take it: one resize more than \
                     the limit allows. That is a lost update: each change rests on a look that \
                     is out of date by the time it is made. {ONE_THREAD}\n\
                     Look and change under one guard: `let mut running = running.lock().unwrap(); if *running < \
                     limit {{ *running += 1; … }}`, and drop the guard only after the change (on an atomic, \
                     `fetch_update` or `compare_exchange` does both in one step). A `tokio::sync::Semaphore` \
                     does all of it in `acquire()`.",
                ));
            }
            Some(CapRace::LookThenNotified { look, notified }) => {
                let (ll, lt) = src.line(look);
                let (nl, nt) = src.line(notified);
                workbook::fail(format!(
                    "In src/bounded.rs, a task looks at the shared state:\n  line {ll}: {lt}\n\
                     before the `notified()` future it then waits on is created:\n  line {nl}: {nt}\n\
                     and does not look again before it waits. If, between those two lines, a resize on another \
                     thread finishes, frees a place and notifies, the notification reaches no one: \
                     `notify_waiters()` wakes only the `notified()` futures that already exist, and \
                     `notify_one()` keeps a single permit however many places are freed (tokio's `Notify` \
                     documentation tells this very story: \"one of them consumes the permit, and the other \
                     sleeps forever\"). The task sleeps while a place is free, a lost wake-up: fewer than \
                     `limit` resizes in progress while photos wait, or a hang when no resize is left to \
                     finish. {ONE_THREAD}\n\
                     Create the `notified()` future first and `enable()` it (`let mut freed = \
                     pin!(notify.notified()); freed.as_mut().enable();`), then look (and take a place under \
                     the same guard), and only then `freed.await`: a place freed after the future is enabled \
                     wakes it. A look before creating it is fine as a shortcut, as long as there is one after. \
                     A `tokio::sync::Semaphore` does all of it in `acquire()`."
                ));
            }
            Some(CapRace::NotifyThenChange { notify, change }) => {
                let (nl, nt) = src.line(notify);
                let (cl, ct) = src.line(change);
                workbook::fail(format!(
                    "In src/bounded.rs, the waiters are notified:\n  line {nl}: {nt}\n\
                     before the count they look at is changed:\n  line {cl}: {ct}\n\
                     A task woken by that notification can run on another thread before the change, look at the \
                     count, still see no place, and go back to sleep on a new `notified()` future, which this \
                     notification has already gone past: the place freed a moment later wakes nobody, a lost \
                     wake-up (fewer than `limit` resizes in progress while photos wait, or a hang). \
                     {ONE_THREAD}\n\
                     Change the count first (and drop the guard), then notify: whoever looks after the change \
                     sees the free place, and whoever looked before it is already waiting and gets woken. A \
                     `tokio::sync::Semaphore` does all of it when its permit is dropped."
                ));
            }
            Some(CapRace::LookBeforeEnabled { notified, look }) => {
                let (nl, nt) = src.line(notified);
                let (ll, lt) = src.line(look);
                workbook::fail(format!(
                    "In src/bounded.rs, the `notified()` future is created:\n  line {nl}: {nt}\n\
                     but not `enable()`d before the look:\n  line {ll}: {lt}\n\
                     and places are handed on with `notify_one()`. A `Notified` future that has not been \
                     enabled (or polled) is not yet in the `Notify`'s list of waiters: `notify_one()` calls made \
                     while two tasks are between their look and their `.await` store a single permit, however \
                     many places they free. One task takes it, the other sleeps while a place is free: a lost \
                     wake-up. tokio's `Notify` documentation tells this very story, and why `enable()` is \
                     there. {ONE_THREAD}\n\
                     Pin the future and enable it before you look: `let mut freed = \
                     pin!(notify.notified()); freed.as_mut().enable();`, then look (and take a place under one \
                     guard), then `freed.await`. Or use a `tokio::sync::Semaphore`."
                ));
            }
            None => {}
        }
    }
}
