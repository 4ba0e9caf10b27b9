//! The checks of exercise 08. Read them if you like; `grader check` notices edits.
//!
//! Each check runs a race. Runners line up at set times, each one a task of its own
//! (`tokio::spawn`) waiting in `wait()` on one shared `StartSignal`; the starter fires
//! the gun and calls `set()`. The runners come from `workbook::sim::race`: they record
//! when they lined up and ran off, give up after 10 s, and count how often they were
//! woken before the gun.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::Duration;

use super::*;
use workbook::sim::race::{self, Outcome, PATIENCE, RESTLESS_LIMIT};
use workbook::source::{Site, Source};
use workbook::story::listed;
use workbook::{Run, assert_trace, format_secs, millis, secs};

/// What one runner did, in virtual time since the race began.
#[derive(Debug)]
struct Runner {
    name: &'static str,
    lined_up: Duration,
    /// How the wait ended; `None` if the runner's task panicked.
    outcome: Option<Outcome>,
    ended: Duration,
    wakeups_before_gun: u32,
}

/// What happened in a race.
#[derive(Debug)]
struct Race {
    /// When the gun first fired.
    first_gun: Duration,
    runners: Vec<Runner>,
    /// What `is_set()` said just before the first gun.
    set_before_gun: bool,
    /// What `is_set()` said right after each `set()`.
    set_after_gun: Vec<(Duration, bool)>,
    /// When `set()` panicked, and with what message.
    set_panicked: Option<(Duration, String)>,
}

/// Runs a race on one fresh `StartSignal`: each runner `(name, when they line up)` is a
/// task that waits in `wait()`; at each time of `guns` the starter fires and calls
/// `set()`. Returns when every runner has run off or given up.
async fn race(runners: &[(&'static str, Duration)], guns: &[Duration]) -> Race {
    let begin = tokio::time::Instant::now();
    let signal = Arc::new(StartSignal::new());
    let handles: Vec<_> = runners
        .iter()
        .map(|&(name, lines_up)| {
            let signal = Arc::clone(&signal);
            tokio::spawn(async move {
                tokio::time::sleep(lines_up).await;
                race::line_up(name, async move { signal.wait().await }).await
            })
        })
        .collect();

    let mut set_before_gun = None;
    let mut set_after_gun = Vec::new();
    let mut set_panicked = None;
    for &gun in guns {
        tokio::time::sleep_until(begin + gun).await;
        set_before_gun.get_or_insert_with(|| signal.is_set());
        race::fire_gun();
        match catch_unwind(AssertUnwindSafe(|| signal.set())) {
            Ok(()) => set_after_gun.push((gun, signal.is_set())),
            Err(panic) => {
                set_panicked = Some((gun, panic_text(panic.as_ref())));
                break;
            }
        }
    }

    let mut finished = Vec::new();
    for (handle, &(name, lines_up)) in handles.into_iter().zip(runners) {
        finished.push(match handle.await {
            Ok(leg) => Runner {
                name,
                lined_up: leg.lined_up - begin,
                outcome: Some(leg.outcome),
                ended: leg.ended - begin,
                wakeups_before_gun: leg.wakeups_before_gun,
            },
            Err(_) => Runner { name, lined_up: lines_up, outcome: None, ended: lines_up, wakeups_before_gun: 0 },
        });
    }
    Race {
        first_gun: guns[0],
        runners: finished,
        set_before_gun: set_before_gun.unwrap_or(false),
        set_after_gun,
        set_panicked,
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    workbook::panic_message(payload).unwrap_or_else(|| "(a panic without a message)".to_string())
}

impl Race {
    /// When a runner who lined up at `lined_up` should run off: at the gun, or at once
    /// if the gun had fired already.
    fn due(&self, lined_up: Duration) -> Duration {
        lined_up.max(self.first_gun)
    }

    fn ran_as_due(&self, runner: &Runner) -> bool {
        runner.outcome == Some(Outcome::Off) && runner.ended == self.due(runner.lined_up)
    }

    /// What went wrong for `runner`, in a few words, if anything did.
    fn problem(&self, runner: &Runner) -> Option<String> {
        let early = runner.lined_up < self.first_gun;
        Some(match runner.outcome {
            None => "panicked".to_string(),
            Some(Outcome::Restless) if runner.ended == runner.lined_up => {
                format!("busy loop: woken {RESTLESS_LIMIT} times")
            }
            Some(Outcome::Restless) => format!("woken {RESTLESS_LIMIT} times before the gun"),
            Some(Outcome::GaveUp) if early => "not released".to_string(),
            Some(Outcome::GaveUp) => "lost wakeup".to_string(),
            Some(Outcome::Off) if runner.ended < self.first_gun => "false start".to_string(),
            Some(Outcome::Off) if runner.ended > self.due(runner.lined_up) && !early => "lost wakeup".to_string(),
            Some(Outcome::Off) if runner.ended > self.due(runner.lined_up) => "late".to_string(),
            Some(Outcome::Off) if runner.wakeups_before_gun > 0 => {
                format!("woken {} times before the gun", runner.wakeups_before_gun)
            }
            Some(Outcome::Off) => return None,
        })
    }

    /// The start line as a table: who lined up when, when they should have run off,
    /// and what they did.
    fn board(&self) -> String {
        let width = self.runners.iter().map(|r| r.name.len()).max().unwrap_or(0).max("runner".len());
        let mut out = format!("  {:width$}  lined up       due  what happened\n", "runner");
        for runner in &self.runners {
            let happened = match runner.outcome {
                Some(Outcome::Off) => format!("ran off at {}", format_secs(runner.ended)),
                Some(Outcome::GaveUp) => format!("gave up at {}", format_secs(runner.ended)),
                Some(Outcome::Restless) => format!("stopped at {}", format_secs(runner.ended)),
                None => "its task panicked".to_string(),
            };
            let mark = match self.problem(runner) {
                Some(problem) => format!("  ← {problem}"),
                None => String::new(),
            };
            out.push_str(&format!(
                "  {:width$}  {:>8}  {:>8}  {happened}{mark}\n",
                runner.name,
                format_secs(runner.lined_up),
                format_secs(self.due(runner.lined_up)),
            ));
        }
        out
    }
}

/// The runners' names as a sentence lists them: "Ada, Ben and Cleo".
fn names<'a>(runners: impl IntoIterator<Item = &'a Runner>) -> String {
    listed(runners.into_iter().map(|r| r.name))
}

/// How to keep the state, the fix most lessons end with.
const KEEP_STATE: &str = "Keep the state where a task can sleep on it: a `tokio::sync::watch` channel \
     (set() calls `send_replace(true)`; wait() subscribes and awaits `wait_for(|&set| set)`), or an \
     `AtomicBool` next to a `tokio::sync::Notify` (set() stores `true`, then calls `notify_waiters()`; \
     wait() first creates its `notified()` future, then returns if the flag is set, and otherwise \
     awaits that future: in that order, a set() that comes in between still reaches it).";

/// The learner's file, as compiled: the source-level checks read it.
const SOURCE: &str = include_str!("../src/event.rs");

/// Whether `site` looks at a flag (in `wait`): `load`, `is_set()`, `lock()`, `borrow()`,
/// `get()`, `read()`.
fn looks_at_flag(site: &Site) -> bool {
    site.is_method("load", None)
        || site.is_method("is_set", Some(0))
        || site.path() == Some("is_set")
        || ["lock", "borrow", "get", "read"].iter().any(|m| site.is_method(m, Some(0)))
}

/// Whether `site` stores a flag (in `set`): `store`, `swap`, `fetch_or`,
/// `compare_exchange`, `= true`, `set(true)`, `lock()`.
fn stores_flag(site: &Site) -> bool {
    ["store", "swap", "fetch_or", "compare_exchange", "compare_exchange_weak"].iter().any(|m| site.is_method(m, None))
        || site.is_method("lock", Some(0))
        || site.is_method("set", Some(1)) && site.arguments[0] == "true"
        || site.op() == Some("=") && site.arguments.first().is_some_and(|a| a == "true")
}

/// Whether the look at `look` is a lock's guard bound with `let` that is still alive at
/// `until`: not dropped, and its block not closed in between. A `notified()` created
/// under the same lock that set() stores the flag under can't miss that set().
fn guard_held_between(src: &Source, look: &Site, until: usize) -> bool {
    if !look.is_method("lock", Some(0)) {
        return false;
    }
    let Some(guard) = src.guard_of(look) else { return false };
    let Some(name) = guard.name.as_deref().filter(|n| *n != "_") else { return false };
    guard.block.end > until && !src.dropped_between(name, look.at, until)
}

/// Races of a `Notify` and a flag that one thread never shows, read from the source:
/// the lesson for the first one found.
fn notify_race_in_source(text: &str) -> Option<String> {
    let src = Source::parse(text)?;
    const MULTI: &str = "In this run the checks ran the starter and the runners on one thread, so nothing \
         ran in that gap and no wakeup was lost. Under `#[tokio::main]` (a multi-thread runtime) the starter \
         and the runners run on several threads at once, and a set() can land in the gap: that runner then \
         waits forever, now and then, which is the hardest kind of bug to find.";
    if let Some(set) = src.function("set") {
        let sites: Vec<&Site> = src.sites_in(set.body.clone()).collect();
        let notify =
            sites.iter().find(|s| s.is_method("notify_waiters", Some(0)) || s.is_method("notify_one", Some(0)));
        let store = sites.iter().find(|s| stores_flag(s));
        if let (Some(notify), Some(store)) = (notify, store)
            && notify.at < store.at
        {
            let (nl, nt) = src.line(notify.at);
            let (sl, st) = src.line(store.at);
            return Some(format!(
                "In src/event.rs, set() wakes the waiters before it stores the flag:\n  line {nl}: {nt}\n  \
                 line {sl}: {st}\n\
                 Between those two lines the waiters have been woken but the flag still says \"not set\": a \
                 runner who lines up right then looks at the flag, sees it unset, and sleeps on a `notified()` \
                 that this set() has already gone past (`notify_waiters()` wakes only the futures that exist \
                 when it is called). {MULTI}\n\
                 Store the flag first, then notify: whoever looks after the store sees it set, and whoever \
                 looked before it is already waiting and gets woken."
            ));
        }
    }
    if let Some(wait) = src.function("wait") {
        let sites: Vec<&Site> = src.sites_in(wait.body.clone()).collect();
        let created = sites.iter().find(|s| s.is_method("notified", Some(0)));
        let looks: Vec<&&Site> = sites.iter().filter(|s| looks_at_flag(s)).collect();
        if let (Some(created), Some(first_look)) = (created, looks.first())
            && first_look.at < created.at
            && !looks.iter().any(|look| look.at > created.at)
            && !guard_held_between(&src, first_look, created.at)
        {
            let (ll, lt) = src.line(first_look.at);
            let (cl, ct) = src.line(created.at);
            return Some(format!(
                "In src/event.rs, wait() looks at the flag before it creates its `notified()` future, and does \
                 not look again after:\n  line {ll}: {lt}\n  line {cl}: {ct}\n\
                 If set() runs between those two lines, it stores the flag (too late: wait() has looked \
                 already) and calls `notify_waiters()`, which wakes only the `notified()` futures that exist at \
                 that moment, and this one does not exist yet. {MULTI}\n\
                 Create the `notified()` future first: it receives `notify_waiters()` from the moment it is \
                 created, even before it is awaited (`enable()` it if you pin it). Then look at the flag, and \
                 only then await the future. A look at the flag before creating it is fine as a shortcut, as \
                 long as there is one after."
            ));
        }
    }
    None
}

/// Judges a race: every runner ran off at the gun, or at once if they came later;
/// nobody before; nobody woken for nothing; `set()` and `is_set()` behaved.
fn judge(run: &Run<Race>) {
    let race = &run.value;
    let gun = race.first_gun;
    let fail =
        |lesson: String| -> ! { run.fail(format!("{lesson}\n\nAt the start line:\n{}", race.board().trim_end())) };

    if let Some((at, message)) = &race.set_panicked {
        if *at > gun {
            fail(format!(
                "The starter called set() a second time at {}, on a signal already set at {}, and set() \
                 panicked:\n  {message}\n\
                 Setting an event that is already set does nothing, as `event.set()` does in Python. Look \
                 at what your set() does the second time: `Semaphore::add_permits` panics past \
                 `Semaphore::MAX_PERMITS` (call `close()` instead, which is harmless twice), and a oneshot \
                 sender taken out of an `Option` is gone after the first send (do nothing when it is `None`).",
                format_secs(*at),
                format_secs(gun),
            ));
        }
        fail(format!(
            "The starter called set() at {} and it panicked:\n  {message}\nset() must release the runners, \
             not panic.",
            format_secs(*at)
        ));
    }

    if let Some(runner) = race.runners.iter().find(|r| r.outcome.is_none()) {
        fail(format!(
            "{}'s task panicked while it waited in wait() (see the panic message). wait() must not \
             panic, whether the signal is set or not.",
            runner.name
        ));
    }

    let restless: Vec<&Runner> = race.runners.iter().filter(|r| r.outcome == Some(Outcome::Restless)).collect();
    if let Some(first) = restless.first() {
        let waited = first.ended - first.lined_up;
        if waited.is_zero() {
            fail(format!(
                "wait() was polled {RESTLESS_LIMIT} times in a row while the signal was not set, and virtual time \
                 did not move: {} spun on the spot from the moment they lined up until the check stopped them.\n\
                 That is a busy loop: wait() asked to be polled again and again while nothing it waits for \
                 happened. Possible causes: a loop that checks the flag and yields \
                 (`tokio::task::yield_now()`, like `while not ready: await asyncio.sleep(0)` in Python), or a \
                 `poll` that wakes its own waker (`cx.waker().wake_by_ref()`) before returning `Pending`. It \
                 keeps the runtime's only thread busy for nothing, and since a task is always ready to run, \
                 the clock never moves on and the gun can't fire.\n{KEEP_STATE}",
                names(restless.iter().copied()),
            ));
        }
        fail(format!(
            "{} lined up at {} and was woken {RESTLESS_LIMIT} times in {} while the signal was not set, \
             before the check stopped it.\n\
             Possible causes: wait() checks a flag on a very short timer (a `sleep` or an `interval` in a \
             loop), or it sleeps on something that wakes it again and again. A real event wakes each waiter once, at the moment set() is called.\n{KEEP_STATE}",
            first.name,
            format_secs(first.lined_up),
            format_secs(waited),
        ));
    }

    let early = |r: &&Runner| r.lined_up < gun;
    let false_starts: Vec<&Runner> =
        race.runners.iter().filter(early).filter(|r| r.outcome == Some(Outcome::Off) && r.ended < gun).collect();
    if !false_starts.is_empty() {
        fail(format!(
            "{} ran off before the gun fired at {}: a false start. wait() returned while the signal was \
             not set yet.\n\
             Like `await event.wait()` in Python, wait() must not return until set() has been called. \
             Looking at a flag once is not waiting: the task has to sleep on something that set() wakes \
             up.\n{KEEP_STATE}",
            names(false_starts),
            format_secs(gun),
        ));
    }

    let on_the_line: Vec<&Runner> = race.runners.iter().filter(early).collect();
    let stuck: Vec<&Runner> = on_the_line.iter().copied().filter(|r| r.outcome == Some(Outcome::GaveUp)).collect();
    if !stuck.is_empty() {
        let released: Vec<&Runner> = on_the_line.iter().copied().filter(|r| r.outcome == Some(Outcome::Off)).collect();
        if released.is_empty() {
            fail(format!(
                "The gun fired at {}, but nobody on the line ran off: {} were still waiting {} s after they \
                 lined up, and gave up.\n\
                 Nothing that set() did let the tasks sleeping in wait() run off. A sleeping task runs again \
                 only when something wakes it. Possible causes: set() only stores `true` in a flag, which \
                 wakes nobody; set() wakes something other than what wait() sleeps on; or wait() goes back \
                 to sleep when woken. set() has to go through what wait() sleeps on, `send_replace(true)` \
                 on a watch channel or `notify_waiters()` on a Notify.",
                format_secs(gun),
                names(stuck),
                PATIENCE.as_secs(),
            ));
        }
        fail(format!(
            "The gun fired at {} with {} runners on the line, but only {} ran off: {} {} still waiting \
             {} s after lining up, and gave up.\n\
             The gun released {}, not every waiter. Possible causes:\n\
             - `Notify::notify_one()`, which wakes a single task (or, if nobody waits, stores one permit for \
             the next);\n\
             - one watch receiver shared by every runner (behind a lock) and awaited with `changed()`: the \
             first runner to see the change marks it seen for all, and the next one's `changed()` waits for \
             another change.\n\
             asyncio's `event.set()` wakes every waiting task at once. With a Notify, call `notify_waiters()`, \
             which wakes every `notified()` future that exists at that moment, and keep the flag for the \
             runners who come later; or use a watch channel, a receiver per waiter (`subscribe()`), and \
             `wait_for`, which looks at the current value first.",
            format_secs(gun),
            on_the_line.len(),
            names(released.iter().copied()),
            names(stuck.iter().copied()),
            if stuck.len() == 1 { "was" } else { "were" },
            PATIENCE.as_secs(),
            if released.len() == 1 { "one waiter".to_string() } else { format!("{} waiters", released.len()) },
        ));
    }

    if let Some(late) = race.runners.iter().find(|r| r.lined_up > gun && !race.ran_as_due(r)) {
        let instead = match late.outcome {
            Some(Outcome::Off) if race.set_after_gun.iter().any(|&(gun, _)| gun == late.ended) => {
                format!("{} ran off only at {}, when set() was called again", late.name, format_secs(late.ended))
            }
            Some(Outcome::Off) => format!("{} ran off only at {}", late.name, format_secs(late.ended)),
            _ => format!("{} was still waiting at {}, and gave up", late.name, format_secs(late.ended)),
        };
        fail(format!(
            "{} lined up at {}, after the signal was set at {}, so wait() should have returned at once. \
             Instead {instead}.\n\
             This is a lost wakeup: set() released the runners who were waiting at that moment, but a \
             runner who came later did not find the signal set. Either set() left nothing behind, or wait() \
             did not look at what it left. An asyncio.Event remembers that it was set, and \
             `await event.wait()` on a set event returns at once. Tokio's tools forget, possible causes:\n\
             - `Notify::notify_waiters()` stores nothing: it wakes only the `notified()` futures that \
             exist when it is called.\n\
             - A watch receiver's `changed()` waits for the next change and ignores the current value; \
             and `watch::Sender::send` stores nothing when no receiver exists (it returns an error).\n\
             - A `broadcast` message goes only to the receivers subscribed when it is sent: a runner who \
             subscribes after the gun never gets it.\n\
             - One receiver shared by every runner: the first runner to see the change marks it seen for \
             all of them, so the next one's `changed()` waits for another change.\n\
             Keep the state, and look at it before sleeping: a watch channel with `send_replace(true)` in \
             set() and `wait_for(|&set| set)` in wait() (it checks the current value first), or an \
             `AtomicBool` that set() stores before `notify_waiters()` and that wait() checks after \
             creating its `notified()` future and before awaiting it.",
            late.name,
            format_secs(late.lined_up),
            format_secs(gun),
        ));
    }

    if let Some(fidgety) = race.runners.iter().find(|r| r.wakeups_before_gun > 0) {
        let when = if fidgety.ended > gun {
            format!(
                ", and ran off at {}, {} after the shot",
                format_secs(fidgety.ended),
                format_secs(fidgety.ended - gun)
            )
        } else {
            String::new()
        };
        fail(format!(
            "{} lined up at {} and was woken {} times before the gun fired at {}, while nothing had \
             happened{when}.\n\
             Possible causes: wait() checks a flag on a timer (a `sleep` or an `interval` in a loop), like \
             `while not ready: await asyncio.sleep(0.1)` in Python, where every check is a wake-up for \
             nothing and the runner starts up to one interval late; or it sleeps on something that other \
             events wake too. A real event wakes each waiter once, at the moment set() is called.\n\
             {KEEP_STATE}",
            fidgety.name,
            format_secs(fidgety.lined_up),
            fidgety.wakeups_before_gun,
            format_secs(gun),
        ));
    }

    if let Some(late) = race.runners.iter().find(|r| !race.ran_as_due(r)) {
        fail(format!(
            "{} should have run off at {}, the moment the gun fired, but ran off at {}. wait() must return \
             as soon as set() is called, not some time later.",
            late.name,
            format_secs(race.due(late.lined_up)),
            format_secs(late.ended),
        ));
    }

    if race.set_before_gun {
        fail(format!(
            "Just before the gun at {}, is_set() returned true, but nobody had called set() yet. A new \
             StartSignal starts unset, like `asyncio.Event()`: is_set() is true only once set() has been \
             called.",
            format_secs(gun)
        ));
    }
    if let Some((at, _)) = race.set_after_gun.iter().find(|(_, set)| !set) {
        fail(format!(
            "Right after set() at {}, is_set() returned false. Once set, the signal stays set, like an \
             asyncio.Event. (With a watch channel, `send` stores nothing when no receiver exists, while \
             `send_replace` always does; read the value with `borrow()`.)",
            format_secs(*at)
        ));
    }
}

workbook::checks! {
    fn runners_wait_for_the_gun() {
        // Three runners line up at 0 s, 0.5 s and 1 s; the gun fires at 2 s.
        let run = workbook::run(race(&[("Ada", secs(0)), ("Ben", millis(500)), ("Cleo", secs(1))], &[secs(2)]));
        judge(&run);
        run.assert_elapsed(secs(2));
        assert_trace!(run, "runners_wait_for_the_gun");
    }

    fn late_runners_start_at_once() {
        // Ada waits from 0 s; the gun fires at 2 s; Dev and Eve turn up at 3 s and 4 s.
        let run = workbook::run(race(&[("Ada", secs(0)), ("Dev", secs(3)), ("Eve", secs(4))], &[secs(2)]));
        judge(&run);
        run.assert_elapsed(secs(4));
        assert_trace!(run, "late_runners_start_at_once");
        // A runner who lines up *while* set() runs: on one thread that never happens, on
        // several it does. The source shows the orders that lose it, on every run.
        if let Some(lesson) = notify_race_in_source(SOURCE) {
            run.fail(lesson);
        }
    }

    fn gun_before_anyone_lines_up() {
        // The gun fires at 1 s, with nobody waiting; Dev and Eve turn up at 2 s and 3 s.
        let run = workbook::run(race(&[("Dev", secs(2)), ("Eve", secs(3))], &[secs(1)]));
        judge(&run);
        run.assert_elapsed(secs(3));
        assert_trace!(run, "gun_before_anyone_lines_up");
    }

    fn second_gun_is_harmless() {
        // Ada waits from 0 s; the gun fires at 1 s, and again at 2 s; Dev turns up
        // between the shots, at 1.5 s, and Eve after them, at 3 s.
        let run = workbook::run(race(&[("Ada", secs(0)), ("Dev", millis(1500)), ("Eve", secs(3))], &[secs(1), secs(2)]));
        judge(&run);
        run.assert_elapsed(secs(3));
        assert_trace!(run, "second_gun_is_harmless");
    }
}
