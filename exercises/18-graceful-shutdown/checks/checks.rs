//! The checks of exercise 18. Read them if you like; `grader check` notices edits.
//!
//! The first three run `run_worker` on tokio's paused clock. The check feeds it jobs at
//! set times (each job is a span `job N` in the trace, from `started` to `done`) and
//! plays Ctrl-C by cancelling the token. They wait at most 60 s (virtual) for
//! run_worker, so a worker that would wait forever fails with a lesson instead of
//! hanging, and then watch 2 s longer, so the trace shows what went on after it
//! returned.
//!
//! The last check runs `serve` for real, in a process of its own (this test binary,
//! started again), on a real runtime. Jobs 1, 2 and 3 arrive at 0, 0.1 and 0.2 s and
//! work 1 s each (job 3 also until 0.3 s after Ctrl-C, so that a job is in flight when
//! it comes, however slow the machine); from 3 s on, a job comes every 0.5 s. Once
//! job 3 has started, the check sends the process a real Ctrl-C (SIGINT), and expects
//! every job that started to finish, `serve` to return, and the process to exit with
//! status 0, within 5 s.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::*;
use workbook::source::{Site, Source};
use workbook::trace::{Kind, Span, note};
use workbook::{Run, assert_trace, format_secs, secs};

/// How long a check waits for run_worker before it calls it stuck: 60 s.
const PATIENCE: Duration = secs(60);

/// How long a check keeps the runtime going after run_worker returned: 2 s.
const IDLE_AFTER: Duration = secs(2);

/// A job a check sends: `job <number>` arrives in the queue at `arrives` and takes
/// `work` once started.
#[derive(Clone, Copy, Debug)]
struct Planned {
    number: u32,
    arrives: Duration,
    work: Duration,
}

const fn planned(number: u32, arrives_ms: u64, work_ms: u64) -> Planned {
    Planned { number, arrives: Duration::from_millis(arrives_ms), work: Duration::from_millis(work_ms) }
}

/// What a check does to the worker: the jobs it sends, and when it cancels the token
/// (Ctrl-C) or closes the queue. A queue that is not closed stays open for good.
#[derive(Debug)]
struct Scenario {
    jobs: &'static [Planned],
    shutdown_at: Option<Duration>,
    close_at: Option<Duration>,
}

/// `1.5 s`, `3 s`: an amount of work, for traces and messages.
fn seconds(d: Duration) -> String {
    format!("{} s", d.as_secs_f64())
}

/// A job of the checks: a span `job <number>` that lasts `work`, or ends `dropped
/// (cancelled)` if its future is dropped first.
fn job(number: u32, work: Duration) -> Job {
    Box::pin(async move {
        let span = Span::begin(format!("job {number}"), "started");
        tokio::time::sleep(work).await;
        span.end("done");
    })
}

/// Sends the planned jobs at their times, then closes the queue at `close_at`, or keeps
/// it open for good.
async fn feed(queue: mpsc::Sender<Job>, start: Instant, plan: &'static [Planned], close_at: Option<Duration>) {
    for p in plan {
        tokio::time::sleep_until(start + p.arrives).await;
        note("queue", &format!("job {} arrives ({} of work)", p.number, seconds(p.work)));
        // The queue has room for every job: this never waits. It fails once the worker
        // has dropped its end, which is fine.
        let _ = queue.send(job(p.number, p.work)).await;
    }
    match close_at {
        Some(at) => {
            tokio::time::sleep_until(start + at).await;
            note("queue", "closed: no more jobs");
            drop(queue);
        }
        None => std::future::pending::<()>().await,
    }
}

/// Runs `run_worker` through `scenario`. The value is when run_worker returned, or
/// `None` if it was still running after [`PATIENCE`].
fn run_scenario(scenario: &Scenario) -> Run<Option<Duration>> {
    let (plan, shutdown_at, close_at) = (scenario.jobs, scenario.shutdown_at, scenario.close_at);
    workbook::run(async move {
        let start = Instant::now();
        let (queue, jobs) = mpsc::channel(16);
        let shutdown = CancellationToken::new();
        tokio::spawn(feed(queue, start, plan, close_at));
        if let Some(at) = shutdown_at {
            let ctrl_c = shutdown.clone();
            tokio::spawn(async move {
                tokio::time::sleep_until(start + at).await;
                note("Ctrl-C", "shutdown.cancel()");
                ctrl_c.cancel();
            });
        }
        let finished = tokio::time::timeout(PATIENCE, run_worker(shutdown, jobs)).await.is_ok();
        let returned_at = start.elapsed();
        note("run_worker", if finished { "returned" } else { "still running: the check gave up on it" });
        tokio::time::sleep(IDLE_AFTER).await;
        finished.then_some(returned_at)
    })
}

/// Runs `serve` (the program, Ctrl-C listener and all) through `scenario`, which has no
/// Ctrl-C: the queue closes instead. The value is when serve returned, or `None` if it
/// was still running after [`PATIENCE`].
fn run_serve(scenario: &Scenario) -> Run<Option<Duration>> {
    let (plan, close_at) = (scenario.jobs, scenario.close_at);
    workbook::run(async move {
        let start = Instant::now();
        let (queue, jobs) = mpsc::channel(16);
        tokio::spawn(feed(queue, start, plan, close_at));
        let finished = tokio::time::timeout(PATIENCE, serve(jobs)).await.is_ok();
        let returned_at = start.elapsed();
        note("serve", if finished { "returned" } else { "still running: the check gave up on it" });
        tokio::time::sleep(IDLE_AFTER).await;
        finished.then_some(returned_at)
    })
}

/// Judges a run of `serve` ([`run_serve`]) against a run of `run_worker` alone on the same
/// scenario: serve must return when its worker does, neither before nor after. What
/// run_worker does wrong is the other checks' business.
fn judge_serve(run: &Run<Option<Duration>>, worker: &Run<Option<Duration>>, scenario: &Scenario) {
    run.assert_not_blocked();
    let close = scenario.close_at.unwrap_or_default();
    let fates = fates(run, scenario);
    let mut table = fates_table(&fates, scenario, run.value).replace("run_worker", "serve");
    table.push_str(&match worker.value {
        Some(at) => format!("  (run_worker alone, on the same jobs, returns at {})\n", format_secs(at)),
        None => format!("  (run_worker alone, on the same jobs, is still running at {})\n", format_secs(PATIENCE)),
    });
    let intro = format!(
        "The check ran your `serve` with no Ctrl-C at all: the queue closed at {}, which ends the \
         worker's loop as surely as a shutdown does.",
        format_secs(close)
    );
    match (run.value, worker.value) {
        (serve_at, worker_at) if serve_at == worker_at => {}
        (None, Some(worker_at)) => {
            let started = fates.iter().filter(|f| f.started.is_some()).count();
            let why = if started == 0 {
                "It never started a job either: it waits for something before it runs the worker. \
                 Possible causes: `ctrl_c().await` before `run_worker`, in serve itself. Listen for Ctrl-C \
                 in a task of its own (`tokio::spawn`), and run the worker right away."
            } else {
                "It ran the jobs, but when the worker was done it went on waiting for something else, \
                 and nobody pressed Ctrl-C. Possible causes: a `join!` (or `join_all`, `try_join!`) of the \
                 Ctrl-C listener and the worker, which waits for both, like Python's `asyncio.gather`; \
                 or the Ctrl-C task's `JoinHandle` awaited after the worker. Spawn the listener and let \
                 it be: serve returns when `run_worker` does, and the listener dies with the runtime \
                 (or `abort()` it then)."
            };
            run.fail(format!(
                "{intro} Your serve was still running at {}, though run_worker alone, on the same jobs, \
                 returns at {}. {why}\n{table}",
                format_secs(PATIENCE),
                format_secs(worker_at)
            ));
        }
        (Some(serve_at), worker_at) if worker_at.is_none_or(|w| serve_at < w) => {
            let worker = worker_at.map_or_else(
                || format!("is still running at {}", format_secs(PATIENCE)),
                |at| format!("returns at {}", format_secs(at)),
            );
            run.fail(format!(
                "{intro} Your serve returned at {}, but run_worker alone, on the same jobs, {worker}: serve \
                 returned without waiting for its worker. When serve returns, `main` returns, and the jobs \
                 still running die with the process. Possible causes: run_worker spawned as a task whose \
                 handle is not awaited, or raced against something else in a `select!`. Await \
                 `run_worker(shutdown, jobs)` as serve's last step.\n{table}",
                format_secs(serve_at)
            ));
        }
        (serve_at, worker_at) => {
            let serve_at = serve_at.map_or_else(|| format!("after {}", format_secs(PATIENCE)), format_secs);
            run.fail(format!(
                "{intro} Your serve returned at {serve_at}, but run_worker alone, on the same jobs, returns \
                 at {}: serve waited longer than its worker. Possible causes: a `sleep` or another wait \
                 after the worker. serve returns when `run_worker` does.\n{table}",
                worker_at.map_or_else(String::new, format_secs)
            ));
        }
    }
}

/// What became of one planned job, as the trace tells it.
#[derive(Debug)]
struct Fate {
    plan: Planned,
    started: Option<Duration>,
    done: Option<Duration>,
    dropped: Option<Duration>,
}

impl Fate {
    fn name(&self) -> String {
        format!("job {}", self.plan.number)
    }

    /// When it would have been done if it had started on arrival and run to its end.
    fn due(&self) -> Duration {
        self.started.unwrap_or(self.plan.arrives) + self.plan.work
    }

    /// Whether it was started and still running at `at`.
    fn running_at(&self, at: Duration) -> bool {
        self.started.is_some_and(|s| s <= at) && self.done.is_none_or(|d| d > at) && self.dropped.is_none_or(|d| d > at)
    }
}

fn fates(run: &Run<Option<Duration>>, scenario: &Scenario) -> Vec<Fate> {
    scenario
        .jobs
        .iter()
        .map(|plan| {
            let actor = format!("job {}", plan.number);
            let at = |kind: Kind| run.trace.of(&actor).find(|e| e.kind == kind).map(|e| e.at);
            Fate { plan: *plan, started: at(Kind::Begin), done: at(Kind::End), dropped: at(Kind::Dropped) }
        })
        .collect()
}

/// The table of what became of each job, for messages.
fn fates_table(fates: &[Fate], scenario: &Scenario, returned_at: Option<Duration>) -> String {
    let mut table = String::from("  job     arrived   started   how it ended\n");
    for f in fates {
        let started = f.started.map_or_else(|| "-".to_string(), format_secs);
        let ended = match (f.done, f.dropped) {
            (Some(d), _) => format!("done at {}", format_secs(d)),
            (None, Some(d)) => format!("cancelled at {}, {} of work left", format_secs(d), seconds(f.due() - d)),
            (None, None) if f.started.is_some() => "never finished".to_string(),
            (None, None) => "never started".to_string(),
        };
        table.push_str(&format!("  {:<7} {:<9} {started:<9} {ended}\n", f.name(), format_secs(f.plan.arrives)));
    }
    if let Some(at) = scenario.shutdown_at {
        table.push_str(&format!("  shutdown (the token cancelled) at {}\n", format_secs(at)));
    }
    if let Some(at) = scenario.close_at {
        table.push_str(&format!("  queue closed at {}\n", format_secs(at)));
    }
    match returned_at {
        Some(at) => table.push_str(&format!("  run_worker returned at {}\n", format_secs(at))),
        None => table.push_str(&format!("  run_worker still running at {}\n", format_secs(PATIENCE))),
    }
    table
}

/// `job 2 and job 3`, `job 1, job 2 and job 4`.
fn names(fates: &[&Fate]) -> String {
    workbook::story::listed(fates.iter().map(|f| f.name()))
}

/// `s` with its first letter in upper case, to start a sentence.
fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// When the worker has to stop taking jobs: the shutdown or the end of the queue,
/// whichever comes first.
fn stop_at(scenario: &Scenario) -> Duration {
    scenario.shutdown_at.into_iter().chain(scenario.close_at).min().unwrap_or(PATIENCE)
}

/// Judges a run of `run_worker` made with [`run_scenario`]: in-flight jobs finished,
/// no job started after the shutdown, each job started on arrival, and run_worker
/// returned exactly at `expected_return`, neither before the last job was done nor
/// after.
fn judge(run: &Run<Option<Duration>>, scenario: &Scenario, expected_return: Duration) {
    run.assert_not_blocked();
    let fates = fates(run, scenario);
    let returned_at = run.value;
    let table = fates_table(&fates, scenario, returned_at);
    let stop = stop_at(scenario);

    // Jobs cancelled halfway: the hard stop.
    let cancelled: Vec<&Fate> = fates.iter().filter(|f| f.dropped.is_some() && f.done.is_none()).collect();
    if let Some(first) = cancelled.first() {
        let when = first.dropped.unwrap_or_default();
        let at_shutdown = scenario.shutdown_at == Some(when);
        let what = if at_shutdown {
            format!(
                "The shutdown came at {} while {} {} running, and {} cancelled on the spot (✗): {}.",
                format_secs(when),
                names(&cancelled),
                if cancelled.len() == 1 { "was" } else { "were" },
                if cancelled.len() == 1 { "it was" } else { "they were" },
                cancelled
                    .iter()
                    .map(|f| format!("{} had {} of work left", f.name(), seconds(f.due() - when)))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        } else {
            format!(
                "{} {} cancelled at {}, before {} done (✗).",
                capitalized(&names(&cancelled)),
                if cancelled.len() == 1 { "was" } else { "were" },
                format_secs(when),
                if cancelled.len() == 1 { "it was" } else { "they were" },
            )
        };
        run.fail(format!(
            "{what}\n{table}\
             That is a hard stop, the way asyncio handles Ctrl-C: every task gets a CancelledError \
             at its `await`, whatever it was in the middle of. In Rust, `JoinHandle::abort()`, \
             `JoinSet::abort_all()` or `shutdown()`, dropping a `JoinSet`, or a `select!` in which the \
             job itself loses the race all do the same: the job's future is dropped at its `.await` and \
             never runs another line. Half a job is lost work, or worse: half a payment, half a file.\n\
             A graceful shutdown stops *taking* jobs and lets the ones in flight run to their end. \
             Spawn them on a `tokio_util::task::TaskTracker` (nothing aborts its tasks), and when the \
             token fires, leave the loop and wait: `tracker.close(); tracker.wait().await`."
        ));
    }

    // Jobs started after the shutdown.
    if let Some(shutdown) = scenario.shutdown_at {
        let late: Vec<&Fate> = fates.iter().filter(|f| f.plan.arrives > shutdown && f.started.is_some()).collect();
        if let Some(first) = late.first() {
            let still = if returned_at.is_none() {
                format!(
                    " And run_worker was still waiting for more when the check gave up on it at {}.",
                    format_secs(PATIENCE)
                )
            } else {
                String::new()
            };
            run.fail(format!(
                "{} arrived at {}, after the shutdown at {}, and your worker started it anyway.{still}\n{table}\
                 Once the token is cancelled, no new job may start: that is the first half of a graceful \
                 shutdown (the second is waiting for the jobs already running). Nothing in a token stops \
                 anyone by itself: your loop has to look at it. Wait for the next job and for the token \
                 together, and leave the loop when the token wins:\n    \
                 tokio::select! {{\n        \
                 biased;\n        \
                 () = shutdown.cancelled() => break,\n        \
                 job = jobs.recv() => ...,\n    \
                 }}",
                capitalized(&first.name()),
                format_secs(first.plan.arrives),
                format_secs(shutdown),
            ));
        }
    }

    // Jobs that waited for the one before them.
    if let Some(slow) = fates.iter().find(|f| f.started.is_some_and(|s| s > f.plan.arrives)) {
        let started = slow.started.unwrap_or_default();
        let busy = fates
            .iter()
            .find(|f| f.done == Some(started) && f.plan.number != slow.plan.number)
            .map(|f| format!(", the moment {} was done", f.name()))
            .unwrap_or_default();
        let why = if busy.is_empty() {
            "Possible causes: your worker runs one job at a time, or something else held it up before it \
             took the job from the queue (a `sleep`, a loop that looks at the queue every so often)."
        } else {
            "Your worker runs one job at a time, and takes the next job from the queue only when the one \
             before is finished."
        };
        run.fail(format!(
            "{} arrived at {} but started only at {started_text}{busy}. {why}\n{table}\
             Awaiting a job inside the loop (`job.await`) keeps the worker busy for as long as the job \
             takes. Run each job as a task of its own instead, `tracker.spawn(job)` on a \
             `tokio_util::task::TaskTracker`, so the worker is back at the queue at once, and jobs \
             overlap.",
            capitalized(&slow.name()),
            format_secs(slow.plan.arrives),
            started_text = format_secs(started),
        ));
    }

    // Jobs that arrived in time and were never started.
    let lost: Vec<&Fate> = fates.iter().filter(|f| f.plan.arrives < stop && f.started.is_none()).collect();
    if !lost.is_empty() {
        run.fail(format!(
            "{} arrived before the worker had to stop (at {}), but never started.\n{table}\
             Every job taken from the queue before the shutdown should run: `tracker.spawn(job)` for each \
             `Some(job)` that `jobs.recv()` gives.",
            capitalized(&names(&lost)),
            format_secs(stop),
        ));
    }

    let last_done = fates.iter().filter_map(|f| f.done).max().unwrap_or_default();
    let Some(returned_at) = returned_at else {
        let all_done = format!("every job was done by {}", format_secs(last_done));
        let why = match (scenario.shutdown_at, scenario.close_at) {
            (Some(shutdown), _) => format!(
                "The shutdown came at {}, {all_done}, yet run_worker was still waiting when the check gave \
                 up on it at {}: it was waiting for something that would never happen. There are two usual \
                 suspects:\n\
                 - It was waiting for the next job. `jobs.recv().await` on its own doesn't notice the \
                 token, and no job came. Wait for either with `tokio::select!` (a branch \
                 `() = shutdown.cancelled() => break`), or use `shutdown.run_until_cancelled(jobs.recv())`, \
                 which gives `None` once the token is cancelled.\n\
                 - It was in `tracker.wait()` without `tracker.close()` first. `wait()` returns only once \
                 the tracker is closed *and* empty: an open tracker may still get new tasks, so it waits \
                 for good. Call `tracker.close()` when you leave the loop.",
                format_secs(shutdown),
                format_secs(PATIENCE),
            ),
            (None, Some(closed)) => format!(
                "The queue was closed at {}: from then on `jobs.recv()` gives `None` at once, and no job \
                 will ever come again. And {all_done}, yet run_worker was still waiting when the check gave \
                 up on it at {}. There are two usual suspects:\n\
                 - The end of the queue went unnoticed. In `tokio::select!`, a branch written \
                 `Some(job) = jobs.recv() => ...` is switched off once `recv()` gives `None`, and select! \
                 goes on waiting on its other branches: here the token, which nobody cancels. Take the \
                 `Option` as it is and match on it: \
                 `job = jobs.recv() => match job {{ Some(job) => ..., None => break }}`.\n\
                 - It was in `tracker.wait()` without `tracker.close()` first. `wait()` returns only once \
                 the tracker is closed *and* empty: an open tracker may still get new tasks, so it waits \
                 for good. Call `tracker.close()` when you leave the loop.",
                format_secs(closed),
                format_secs(PATIENCE),
            ),
            (None, None) => format!("run_worker was still running after {}.", format_secs(PATIENCE)),
        };
        run.fail(format!("{why}\n{table}"));
    };

    if returned_at < expected_return {
        let unfinished: Vec<&Fate> = fates.iter().filter(|f| f.running_at(returned_at)).collect();
        if !unfinished.is_empty() {
            let until = unfinished
                .iter()
                .map(|f| format!("{} until {}", f.name(), format_secs(f.done.unwrap_or_else(|| f.due()))))
                .collect::<Vec<_>>()
                .join(", ");
            run.fail(format!(
                "run_worker returned at {}, while {} {} still running ({until}).\n{table}\
                 Here {} went on after run_worker had returned, on {} own. If you spawned the jobs: a \
                 spawned task is detached, nothing waits for it, and dropping its `JoinHandle` doesn't stop it. In a real program \
                 `main` returns right after, the runtime shuts down, and every task still running is \
                 dropped mid-job: exactly the lost work a graceful shutdown is for.\n\
                 Keep track of the jobs you spawn, and wait for them before returning: `tracker.spawn(job)` \
                 on a `tokio_util::task::TaskTracker`, then `tracker.close(); tracker.wait().await` after \
                 the loop. (A `JoinSet` drained with `while set.join_next().await.is_some() {{}}` works too.)",
                format_secs(returned_at),
                names(&unfinished),
                if unfinished.len() == 1 { "was" } else { "were" },
                if unfinished.len() == 1 { "it" } else { "they" },
                if unfinished.len() == 1 { "its" } else { "their" },
            ));
        }
        run.fail(format!(
            "run_worker returned at {}, before it had to stop (at {}): it should keep taking jobs until the \
             token is cancelled or the queue is closed.\n{table}",
            format_secs(returned_at),
            format_secs(stop),
        ));
    }

    if returned_at > expected_return {
        let noticed_on_arrival = scenario
            .shutdown_at
            .is_some_and(|shutdown| fates.iter().any(|f| f.plan.arrives > shutdown && f.plan.arrives == returned_at));
        let why = if noticed_on_arrival {
            let shutdown = scenario.shutdown_at.unwrap_or_default();
            format!(
                "The shutdown came at {} and run_worker noticed it only at {}, when the next job arrived: \
                 {} late. That fits a worker that looks at the token only after `jobs.recv().await` has \
                 given it a job: while it waits there, nothing wakes it up for the token, and with no job \
                 coming, it would never stop at all.\n\
                 `shutdown.is_cancelled()` is a question you have to remember to ask; \
                 `shutdown.cancelled().await` is a wait that ends the moment the token is cancelled. Wait \
                 for the next job *or* the token, whichever comes first: `tokio::select! {{ () = \
                 shutdown.cancelled() => break, job = jobs.recv() => ... }}`.",
                format_secs(shutdown),
                format_secs(returned_at),
                seconds(returned_at - shutdown),
            )
        } else {
            format!(
                "Every job was done by {} and the worker had to stop at {}, so it should have returned at \
                 {}; it returned only at {}: something waited longer than it had to. Possible causes: a \
                 `sleep`, or a loop that looks at the token or at the jobs every so often instead of awaiting \
                 `shutdown.cancelled()` and the jobs themselves.",
                format_secs(last_done),
                format_secs(stop),
                format_secs(expected_return),
                format_secs(returned_at),
            )
        };
        run.fail(format!("{why}\n{table}"));
    }
    run.assert_elapsed(expected_return + IDLE_AFTER);
}

/// The learner's file, as compiled: the source-level check reads it.
const SOURCE: &str = include_str!("../src/shutdown.rs");

/// Ways to wake whoever waits on a `Notify`.
const NOTIFIES: &[&str] = &["notify_waiters", "notify_one", "notify_last"];
/// Ways to take a finished job off a count: these methods, or `-=`.
const DECREMENTS: &[&str] = &["fetch_sub", "fetch_update", "store"];
/// Ways to look at a count (or any state shared with the jobs): `load(..)`, or these
/// methods with no arguments.
const LOOKS: &[&str] = &["lock", "read", "get", "borrow", "len", "is_empty"];

fn is_notify(site: &Site) -> bool {
    NOTIFIES.iter().any(|&name| site.is_method(name, Some(0)))
}

fn is_decrement(site: &Site) -> bool {
    site.op() == Some("-=") || DECREMENTS.iter().any(|&name| site.is_method(name, None))
}

fn is_look(site: &Site) -> bool {
    site.is_method("load", None) || LOOKS.iter().any(|&name| site.is_method(name, Some(0)))
}

/// Why the run on the paused clock did not show the race of [`count_race_in_source`].
const ONE_THREAD: &str = "In this run the checks ran run_worker and the jobs on one thread, where nothing \
     runs between two lines that have no `.await` between them, so that gap never opened and run_worker \
     returned on time. On a multi-thread runtime (`#[tokio::main]`, or the real program of \
     `ctrl_c_drains_then_exits`) a job finishes on another thread and can land in the gap: then \
     run_worker waits forever with no job left, now and then, which is the hardest kind of bug to find.";

/// Why the real program's check reads the source instead of running it.
const MANY_THREADS: &str = "This check runs the program on a multi-thread runtime, where a job finishes on \
     another thread and can land in that gap: then run_worker waits forever with no job left, and the \
     program never exits. Whether it does in one run is luck, so for this code the check goes by the \
     source and did not start the program: the verdict is the same on every run.";

/// What to do instead, for both lessons of [`count_race_in_source`].
const COUNT_FIX: &str = "Or leave the counting to a `tokio_util::task::TaskTracker`: `tracker.spawn(job)`, \
     then `tracker.close(); tracker.wait().await`, which does this bookkeeping without the gap.";

/// Whether the look `look` is a lock whose guard is bound with `let` and still alive at
/// `until`: not dropped, and its block not closed in between. A `notified()` created
/// while the count's lock is held can't miss a job that changes the count under it.
fn guard_held_between(src: &Source, look: &Site, until: usize) -> bool {
    if !look.is_method("lock", Some(0)) {
        return false;
    }
    let Some(guard) = src.guard_of(look) else { return false };
    let Some(name) = guard.name.as_deref().filter(|&name| name != "_") else { return false };
    guard.block.contains(&until) && !src.dropped_between(name, look.at, until)
}

/// Races of a count of jobs in flight and a `Notify` that one thread never shows, read
/// from the source: the lesson for the first one found. Two orders lose the last wake-up:
/// a job that notifies before it takes itself off the count, and (with
/// `notify_waiters()`, which keeps nothing for a waiter that comes later) a wait that
/// looks at the count before its `notified()` future exists and not again after.
fn count_race_in_source(text: &str, threads: &str) -> Option<String> {
    let src = Source::parse(text)?;
    let all = 0..text.len();

    // A notify, then the decrement, in the innermost block that decrements at all.
    for notify in src.sites().iter().filter(|s| is_notify(s)) {
        let first = notify.blocks.iter().find_map(|block| src.sites_in(block.clone()).find(|s| is_decrement(s)));
        if let Some(first) = first
            && first.at > notify.at
        {
            return Some(format!(
                "In src/shutdown.rs, a finished job wakes the waiter before it takes the job off the count:\n\
                 {}\n{}\n\
                 Between those two lines the waiter has been woken, but the count still has this job in it. \
                 If run_worker looks at the count right then, it sees a job in flight and goes back to \
                 sleep; the decrement that follows wakes nobody: a lost wake-up. {threads}\n\
                 Take the job off the count first, then notify: whoever looks after the decrement sees it, \
                 and whoever looked before is already waiting and gets woken. {COUNT_FIX}",
                src.quote(notify.at),
                src.quote(first.at),
            ));
        }
    }

    // A look at the count, then `notified()`, and no look after it in the same wait: the
    // innermost loop around `notified()`, or else its function.
    let wakes_all = src.sites().iter().find(|s| s.is_method("notify_waiters", Some(0)))?;
    for notified in src.sites().iter().filter(|s| s.is_method("notified", Some(0))) {
        let region = src
            .loops()
            .iter()
            .filter(|l| l.contains(&notified.at))
            .min_by_key(|l| l.len())
            .or(notified.blocks.last())
            .unwrap_or(&all);
        let looks: Vec<&Site> = src.sites_in(region.clone()).filter(|s| is_look(s)).collect();
        let before = looks.iter().rfind(|l| l.at < notified.at);
        let after = looks.iter().any(|l| l.at > notified.at);
        if let Some(look) = before
            && !after
            && !guard_held_between(&src, look, notified.at)
        {
            return Some(format!(
                "In src/shutdown.rs, the wait for the jobs in flight looks at the count before it creates its \
                 `notified()` future, and does not look again after it:\n{}\n{}\n\
                 If the last job finishes between those two lines, it takes itself off the count and calls \
                 `notify_waiters()`:\n{}\n\
                 `notify_waiters()` wakes only the `notified()` futures that exist at that moment, and this \
                 one does not exist yet: nothing will ever wake it, a lost wake-up. {threads}\n\
                 Create the `notified()` future first and enable it (`tokio::pin!(notified); \
                 notified.as_mut().enable();`), then look at the count, and only then await it: a job \
                 that finishes after the look wakes a future that is already there. {COUNT_FIX}",
                src.quote(look.at),
                src.quote(notified.at),
                src.quote(wakes_all.at),
            ));
        }
    }
    None
}

/// Jobs 2 and 3 are in flight when the shutdown comes at 2.5 s; job 4 comes after it.
const IN_FLIGHT: Scenario = Scenario {
    jobs: &[planned(1, 0, 1500), planned(2, 1000, 3000), planned(3, 2000, 1500), planned(4, 3000, 1000)],
    shutdown_at: Some(Duration::from_millis(2500)),
    close_at: None,
};

/// The shutdown comes at 2 s while the worker is idle; job 2 comes at 3 s.
const IDLE: Scenario = Scenario {
    jobs: &[planned(1, 0, 1000), planned(2, 3000, 1000)],
    shutdown_at: Some(Duration::from_secs(2)),
    close_at: None,
};

/// No shutdown: the queue is closed at 2.5 s while jobs 2 and 3 run.
const QUEUE_CLOSED: Scenario = Scenario {
    jobs: &[planned(1, 0, 1500), planned(2, 1000, 3000), planned(3, 2000, 1500)],
    shutdown_at: None,
    close_at: Some(Duration::from_millis(2500)),
};

/// Times that are not round (no polling period lands on them), jobs that end in
/// another order than they started, and job 1 working on for 5.85 s after the shutdown
/// at 1.7 s: longer than a grace period of a few seconds.
const IN_FLIGHT_UNEVEN: Scenario = Scenario {
    jobs: &[planned(1, 300, 7250), planned(2, 900, 400), planned(3, 1450, 1337), planned(4, 1900, 500)],
    shutdown_at: Some(Duration::from_millis(1700)),
    close_at: None,
};

/// The shutdown comes at 1.337 s while the worker is idle; job 3 comes at 2.2 s.
const IDLE_UNEVEN: Scenario = Scenario {
    jobs: &[planned(1, 0, 650), planned(2, 150, 420), planned(3, 2200, 1000)],
    shutdown_at: Some(Duration::from_millis(1337)),
    close_at: None,
};

/// No shutdown: the queue is closed at 1.618 s, when every job is done already.
const QUEUE_CLOSED_IDLE: Scenario = Scenario {
    jobs: &[planned(1, 0, 1000), planned(2, 500, 250)],
    shutdown_at: None,
    close_at: Some(Duration::from_millis(1618)),
};

workbook::checks! {
    fn shutdown_lets_jobs_in_flight_finish() {
        let run = run_scenario(&IN_FLIGHT);
        // Job 3 is done at 3.5 s, job 2 at 4 s; job 4 (3 s) never starts.
        judge(&run, &IN_FLIGHT, secs(4));
        assert_trace!(run, "shutdown_lets_jobs_in_flight_finish");

        // Job 1 runs from 0.3 s to 7.55 s, job 3 to 2.787 s; the shutdown comes at 1.7 s.
        let uneven = run_scenario(&IN_FLIGHT_UNEVEN);
        judge(&uneven, &IN_FLIGHT_UNEVEN, Duration::from_millis(7550));

        // The last job finishing *while* run_worker decides to wait: on one thread that
        // never happens, on several it does. The source shows the orders that lose it.
        if let Some(lesson) = count_race_in_source(SOURCE, ONE_THREAD) {
            workbook::fail(lesson);
        }
    }

    fn stops_at_once_when_idle() {
        let run = run_scenario(&IDLE);
        // Job 1 is done at 1 s; nothing is running at the shutdown (2 s); job 2 (3 s) never starts.
        judge(&run, &IDLE, secs(2));
        assert_trace!(run, "stops_at_once_when_idle");

        // Jobs 1 and 2 are done by 0.65 s; the shutdown comes at 1.337 s.
        let uneven = run_scenario(&IDLE_UNEVEN);
        judge(&uneven, &IDLE_UNEVEN, Duration::from_millis(1337));
    }

    fn finishes_when_the_queue_closes() {
        let run = run_scenario(&QUEUE_CLOSED);
        // The queue closes at 2.5 s; job 3 is done at 3.5 s, job 2 at 4 s.
        judge(&run, &QUEUE_CLOSED, secs(4));
        assert_trace!(run, "finishes_when_the_queue_closes");

        // Both jobs are done by 1 s; the queue closes at 1.618 s: return then.
        let idle = run_scenario(&QUEUE_CLOSED_IDLE);
        judge(&idle, &QUEUE_CLOSED_IDLE, Duration::from_millis(1618));
    }

    fn serve_returns_when_the_queue_closes() {
        // No Ctrl-C: the queue closes at 2.5 s; the worker returns at 4 s, and serve with it.
        let run = run_serve(&QUEUE_CLOSED);
        let worker = run_scenario(&QUEUE_CLOSED);
        judge_serve(&run, &worker, &QUEUE_CLOSED);
    }

    #[cfg(unix)]
    fn ctrl_c_drains_then_exits() {
        if workbook::child::role().as_deref() == Some(program::ROLE) {
            program::play();
        }
        // The real program runs on a multi-thread runtime, where that race strikes now and
        // then: the source decides, so that the verdict is the same on every run.
        if let Some(lesson) = count_race_in_source(SOURCE, MANY_THREADS) {
            workbook::fail(lesson);
        }
        program::drive("ctrl_c_drains_then_exits");
    }
}

#[cfg(unix)]
#[path = "program.rs"]
mod program;
