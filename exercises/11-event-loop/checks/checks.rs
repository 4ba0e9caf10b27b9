//! The checks of exercise 11. Read them if you like; `grader check` notices edits.
//!
//! The async functions run under `workbook::run`, on a current-thread runtime with
//! tokio's clock paused, so their times are exact and their traces are the same on
//! every run. `Runner` is called from plain code, as a program's `main` would call
//! it: it starts a runtime of its own, on the real clock.

use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use super::*;
use workbook::sim::tasks;
use workbook::trace::{Trace, note};
use workbook::{Run, assert_trace, format_secs, millis, secs};

/// The notes' three tasks, and the functions that run them.
const TASKS: [(&str, &str); 3] = [("Task 1", "task_one"), ("Task 2", "task_two"), ("Task 3", "task_three")];

/// How many chunks `crunch_numbers` gets, and how often the heartbeat beside it
/// should beat.
const CHUNKS: u64 = 6;
const BEAT: Duration = Duration::from_millis(500);

/// `run_all()`, then the notes' last row: the event loop has nothing left to run.
async fn run_all_to_the_end() {
    run_all().await;
    note("event loop", "completes");
}

/// Fails with a lesson if a task started but had not said `Done` when run_all returned
/// (the trace's `event loop • completes`).
fn ensure_every_task_done(run: &Run<()>) {
    let returned = said_at(&run.trace, "event loop", "completes").unwrap_or(run.virtual_elapsed);
    let unfinished: Vec<&str> = TASKS
        .iter()
        .map(|(task, _)| *task)
        .filter(|task| said_at(&run.trace, task, "Done").is_none_or(|done| done > returned))
        .collect();
    if unfinished.is_empty() {
        return;
    }
    let finished: Vec<String> = TASKS
        .iter()
        .filter_map(|(task, _)| said_at(&run.trace, task, "Done").filter(|d| *d <= returned).map(|d| (task, d)))
        .map(|(task, done)| format!("{task} said `Done` at {}", format_secs(done)))
        .collect();
    let finished = if finished.is_empty() { "no task had said `Done`".to_string() } else { finished.join(", ") };
    run.fail(format!(
        "run_all returned at {}, when {finished}, but {} had started and never said `Done`: {} dropped \
         halfway, and their last steps never ran.\n\
         Possible causes: `tokio::select!` (or `futures::future::select`), which returns as soon as one \
         branch is done and drops the others, like `asyncio.wait(.., return_when=FIRST_COMPLETED)` \
         followed by cancelling the rest; tasks spawned with `tokio::spawn` whose JoinHandles are not \
         awaited, which the runtime drops when the run's main future returns. `asyncio.gather` waits for \
         every task: its counterpart is `tokio::join!(task_one(), task_two(), task_three())`.",
        format_secs(returned),
        unfinished.join(" and "),
        if unfinished.len() == 1 { "it was" } else { "they were" },
    ));
}

/// When `actor` first said something containing `what`, if it did.
fn said_at(trace: &Trace, actor: &str, what: &str) -> Option<Duration> {
    trace.find(actor, what).map(|e| e.at)
}

/// `crunch_numbers(chunks)` and a heartbeat, as two tasks on the same event loop.
/// After the crunching, one more turn of the event loop, so that a beat that is
/// overdue by then shows up in the trace.
async fn crunch_beside_heartbeat(chunks: u64) -> u64 {
    let heartbeat = tokio::spawn(tasks::heartbeat(BEAT));
    let cruncher = tokio::spawn(crunch_numbers(chunks));
    let total = cruncher.await.expect("crunch_numbers panicked");
    tokio::task::yield_now().await;
    heartbeat.abort();
    total
}

/// How far the second heartbeat's beats are shifted from the first's: 0.25 s, the end of
/// chunk 1, so that its beats fall on the ends of chunks 1, 3 and 5.
const SHIFT: Duration = Duration::from_millis(250);

/// A heartbeat like `tasks::heartbeat`, whose first beat is due at `first` rather than
/// at once: `beat` when it runs on time, `beat, 0.250s late` when it could only run later.
async fn heartbeat_from(first: tokio::time::Instant, every: Duration) {
    let mut due = first;
    loop {
        tokio::time::sleep_until(due).await;
        let late = tokio::time::Instant::now().saturating_duration_since(due);
        if late.is_zero() {
            note("heartbeat", "beat");
        } else {
            note("heartbeat", &format!("beat, {} late", format_secs(late)));
        }
        due += every;
    }
}

/// `crunch_numbers(chunks)` beside a heartbeat whose beats are due at 0.25 s, 0.75 s,
/// 1.25 s…: the end of every other chunk, starting with the first.
async fn crunch_beside_shifted_heartbeat(chunks: u64) -> u64 {
    let heartbeat = tokio::spawn(heartbeat_from(tokio::time::Instant::now() + SHIFT, BEAT));
    let cruncher = tokio::spawn(crunch_numbers(chunks));
    let total = cruncher.await.expect("crunch_numbers panicked");
    tokio::task::yield_now().await;
    heartbeat.abort();
    total
}

/// What `tasks::crunch(1)` + … + `tasks::crunch(chunks)` add up to: the sum of the
/// squares of 1 to `chunks * 1000`.
fn expected_total(chunks: u64) -> u64 {
    let n = chunks * tasks::CHUNK_SIZE;
    n * (n + 1) * (2 * n + 1) / 6
}

/// A task that counts the questions it is asked: the kind of thing (a connection
/// pool, a client session) that one `run` sets up and the next one uses.
type Counter = mpsc::UnboundedSender<oneshot::Sender<u32>>;

/// Spawns a counter task on the runtime that polls this future.
fn start_counter() -> Counter {
    let (questions, mut incoming) = mpsc::unbounded_channel::<oneshot::Sender<u32>>();
    tokio::spawn(async move {
        let mut asked = 0;
        while let Some(reply) = incoming.recv().await {
            asked += 1;
            let _ = reply.send(asked);
        }
    });
    questions
}

/// Why the counter did not answer.
#[derive(Debug)]
enum Silence {
    /// Its task is gone: the runtime it was spawned on has shut down.
    Gone,
    /// Its task exists but did not run: its runtime is not the one running.
    NotRunning,
}

/// Asks the counter how many questions it has had, this one included.
async fn ask(counter: &Counter) -> Result<u32, Silence> {
    let (reply, answer) = oneshot::channel();
    counter.send(reply).map_err(|_| Silence::Gone)?;
    match tokio::time::timeout(secs(1), answer).await {
        Ok(Ok(count)) => Ok(count),
        Ok(Err(_)) => Err(Silence::Gone),
        Err(_) => Err(Silence::NotRunning),
    }
}

/// Calls the learner's synchronous `call`. If it panics with one of tokio's messages
/// about runtimes, fails with a lesson that quotes it; any other panic goes on as is.
fn call_sync<T>(what: &str, call: impl FnOnce() -> T) -> T {
    workbook::call_explaining_panics(what, call, |message| {
        if message.contains("no reactor running") {
            Some(
                "Something asked for the current tokio runtime where none was running: a tokio timer, \
                 `tokio::spawn`, or `Handle::current()`, called on a thread that is not inside a \
                 runtime's `block_on`. Tokio's timers, sockets and `tokio::spawn` work only inside a \
                 tokio runtime, which drives them. Two usual ways to get here: polling the future with \
                 `futures::executor::block_on`, which polls a future to its end, but it is not a tokio \
                 runtime (no timer, no I/O driver); or `Handle::current()` from plain code, where there is no current runtime to \
                 find.\n\
                 Keep a tokio runtime in the `Runner` and give the future to its `block_on`.",
            )
        } else if message.contains("timers are disabled") {
            Some(
                "The runtime was built without its timer. `Builder::new_current_thread()` and \
                 `Builder::new_multi_thread()` start with every driver switched off, and \
                 `tokio::time::sleep` needs the timer.\n\
                 Add `.enable_all()` (timer and I/O) before `.build()`. `Runtime::new()` enables \
                 everything for you.",
            )
        } else if message.contains("being shutdown") {
            Some(
                "The runtime that ran the future had already shut down. A `Runtime` shuts down when \
                 it is dropped, and a `Handle` to it does not keep it alive: a `Runner` that keeps \
                 only `runtime.handle().clone()`, while the `Runtime` itself is dropped at the end of \
                 `new`, holds a handle to a runtime that is gone.\n\
                 Keep the `Runtime` itself in the struct, and call `self.runtime.block_on(future)`.",
            )
        } else if message.contains("Cannot start a runtime from within a runtime") {
            Some(
                "A runtime's `block_on` was called on a thread where a runtime was already running. \
                 `Runner::run` is for plain, synchronous code, like `asyncio.Runner.run`, which \
                 refuses the same way when an event loop is already running.",
            )
        } else {
            None
        }
    })
}

/// Starts a `Runner`, failing with a lesson if it can't.
fn new_runner() -> Runner {
    match call_sync("Runner::new()", Runner::new) {
        Ok(runner) => runner,
        Err(error) => workbook::fail(format!("Runner::new() returned an error: {error}.")),
    }
}

/// Fails with a lesson if `waiting_pair` still holds the thread for task 1's wait, or
/// does not run its two tasks together.
fn ensure_no_blocking_wait(run: &Run<()>) {
    let Some(task_two_start) = said_at(&run.trace, "Task 2", "Start") else {
        run.fail(
            "Task 2 never started: no `Start` in the trace. waiting_pair must run both tasks, \
             as blocking_pair does: `tokio::join!(task_one, task_two)`.",
        )
    };
    if run.trace.find("blocking call", "spawn_blocking").is_some() {
        run.fail(
            "Task 1 hands its blocking call to the blocking pool (`spawn_blocking`), so task 2 \
             runs meanwhile: that is the right move for a blocking call you can't avoid, such as a \
             synchronous library (chapter 09). But task 1 only needs to wait, and a wait needs no \
             thread at all: `spawn_blocking` keeps a whole thread asleep for 5 s, and each task that \
             does it needs one more (the pool has 512).\n\
             Wait with `tokio::time::sleep(Duration::from_secs(5)).await`: the runtime sets a timer \
             and the task takes no thread until it fires. (The checks can't time work on the \
             blocking pool anyway: tokio's paused clock stands still while it runs.)",
        );
    }
    let blocked = run.trace.of("blocking call").next().is_some();
    let let_go = said_at(&run.trace, "blocking call", "lets go of the thread");
    if blocked && task_two_start > Duration::ZERO && let_go.is_some_and(|end| end <= task_two_start) {
        run.fail(format!(
            "Task 2 could start only at {}, when task 1 let go of the thread. Task 1 waits with a \
             blocking call (`tasks::block_thread`, which stands for `std::thread::sleep` or any \
             slow synchronous call; `time.sleep(5)` in the notes). A blocking call never returns \
             to the event loop, so for those 5 s nothing else runs on the thread: task 2 can't \
             start, and no timer can fire. That is the notes' 7 s run.\n\
             Wait with `tokio::time::sleep(Duration::from_secs(5)).await` (Python's \
             `await asyncio.sleep(5)`): at that `.await`, task 1 tells the runtime to wake it in \
             5 s and gives the thread back, so task 2 runs meanwhile.",
            format_secs(task_two_start)
        ));
    }
    if blocked && task_two_start > Duration::ZERO {
        run.fail(format!(
            "Task 2 started only at {}, and waiting_pair makes a blocking call (`tasks::block_thread`, \
             see `blocking call` in the timeline){}. While a blocking call runs, nothing else runs on \
             the thread. Possible causes of the late start: the blocking call, or task 2 started \
             only after something else in waiting_pair was awaited. Task 1 should wait with \
             `tokio::time::sleep(..).await`, in `tokio::join!(task_one, task_two)`.",
            format_secs(task_two_start),
            match let_go {
                Some(end) => format!(", which let go of the thread at {}", format_secs(end)),
                None => String::new(),
            }
        ));
    }
    if blocked {
        run.fail(
            "waiting_pair still makes a blocking call (`tasks::block_thread`, see `blocking call` \
             in the timeline): it holds the thread, and no other task can run while it does. \
             Task 1 should wait with `tokio::time::sleep(..).await` instead.",
        );
    }
    let task_one_end = said_at(&run.trace, "Task 1", "End");
    if task_two_start > Duration::ZERO && task_one_end.is_some_and(|end| end <= task_two_start) {
        run.fail(format!(
            "Task 2 started only at {}, after task 1 had ended (at {}): waiting_pair ran the two \
             tasks one after the other. Keep `tokio::join!(task_one, task_two)` from blocking_pair, \
             so the event loop has task 2 to run while task 1 waits.",
            format_secs(task_two_start),
            format_secs(task_one_end.unwrap_or_default())
        ));
    }
    if task_two_start > Duration::ZERO {
        run.fail(format!(
            "Task 2 started only at {}, not at 0.000s with task 1; task 1 {}. \
             Possible causes: a wait (a `sleep`) before task 2 starts; task 2 started only after \
             part of task 1 was awaited. Keep `tokio::join!(task_one, task_two)` from blocking_pair, \
             so both start at once.",
            format_secs(task_two_start),
            match task_one_end {
                Some(end) => format!("said `End` at {}, after that start", format_secs(end)),
                None => "never said `End`".to_string(),
            }
        ));
    }
    match said_at(&run.trace, "Task 1", "End") {
        Some(end) if end == secs(5) => {}
        Some(end) => run.fail(format!(
            "Task 1 ended at {}; it should wait 5 s and end at 5.000s: \
             `tokio::time::sleep(Duration::from_secs(5)).await`.",
            format_secs(end)
        )),
        None => run.fail("Task 1 never said `End`. It should start, wait 5 s, and end at 5.000s."),
    }
}

/// Fails with a lesson if the heartbeat beside `crunch_numbers` was ever late.
fn ensure_heartbeat_on_time(run: &Run<u64>) {
    let Some(last_chunk) = run.trace.find("crunch", &format!("chunk {CHUNKS} done")).map(|e| e.at) else {
        run.fail(format!(
            "crunch_numbers({CHUNKS}) never finished chunk {CHUNKS}: it must crunch chunks 1 to {CHUNKS}."
        ))
    };
    let beats: Vec<(Duration, &str)> = run.trace.of("heartbeat").map(|e| (e.at, e.what.as_str())).collect();
    let late: Vec<String> = beats
        .iter()
        .filter(|(_, what)| what.contains("late"))
        .map(|(at, what)| format!("  at {}: {what}", format_secs(*at)))
        .collect();
    if late.is_empty() {
        return;
    }
    let beat_while_crunching = beats.iter().any(|(at, _)| Duration::ZERO < *at && *at < last_chunk);
    if !beat_while_crunching {
        run.fail(format!(
            "The heartbeat should beat every 0.5 s, next to crunch_numbers. It beat at 0.000s, and \
             then:\n{}\n\
             From 0.000s to {}, while crunch_numbers worked, no beat ran: the heartbeat's timer \
             never got to fire, on a runtime whose whole point is to serve many tasks at once (a web \
             server would stop answering every other request). The trace shows that, not which line \
             caused it; the usual causes:\n\
             - crunch_numbers kept the thread: a task gives the thread back to the event loop only at \
             an `.await` that has to wait, and between its chunks there was none (or one that is \
             ready at once, such as `consume_budget()` before its budget of 128 runs out);\n\
             - it gave the thread back, but never let the timers fire: awaiting the JoinHandle of a \
             chunk spawned as a task hands the thread to that task, and the runtime runs the tasks \
             that are ready before it looks at its timers; with a chunk always ready, it never \
             looks.\n\
             Call `tokio::task::yield_now().await` after each chunk (Python: `await \
             asyncio.sleep(0)`). It returns at once when nothing else is ready; otherwise the \
             runtime fires the timers that are due, runs the tasks that are ready (the heartbeat), \
             and then comes back to your loop.",
            late.join("\n"),
            format_secs(last_chunk),
        ));
    }
    run.fail(format!(
        "The heartbeat got to run while crunch_numbers worked, but late:\n{}\n\
         A beat that is due runs only when crunch_numbers gives the thread back and the runtime \
         then fires its timers. The trace shows the late beats, not which line made them late. \
         Possible causes:\n\
         - it did not give the thread back after every chunk, and between two `.await`s kept it \
         for more than 0.5 s;\n\
         - it gave the thread back at an `.await` that lets ready tasks run but does not let the \
         timers fire every time (awaiting the JoinHandle of a chunk spawned as a task, or \
         `consume_budget()`, which gives the thread back only once its budget runs out).\n\
         Call `tokio::task::yield_now().await` after each chunk, so the thread is never held for \
         longer than one chunk (250 ms).",
        late.join("\n"),
    ));
}

workbook::checks! {
    fn three_tasks_run_together() {
        let run = workbook::run(run_all_to_the_end());
        run.assert_not_blocked();
        let starts: Vec<(&str, Option<Duration>)> =
            TASKS.iter().map(|(task, _)| (*task, said_at(&run.trace, task, "Start"))).collect();
        if let Some(((task, function), _)) = TASKS.iter().zip(&starts).find(|(_, (_, start))| start.is_none()) {
            run.fail(format!(
                "{task} never started: there is no `{task} • Start` in the trace, and run_all \
                 returned at {}.\n\
                 Calling `{function}()` only makes a future, and a future does nothing until it is \
                 polled. If you spawned the tasks with `tokio::spawn`, await their `JoinHandle`s \
                 before run_all returns: when the run's main future returns, the runtime shuts \
                 down and drops every task that has not finished, as `asyncio.run` cancels the \
                 tasks still pending at the end.",
                format_secs(run.virtual_elapsed)
            ));
        }
        let late: Vec<String> = starts
            .iter()
            .filter_map(|(task, start)| start.filter(|at| *at > Duration::ZERO).map(|at| (task, at)))
            .map(|(task, at)| format!("  {task} started at {}", format_secs(at)))
            .collect();
        // One after another: three different start times, each task alone.
        let mut start_times: Vec<Duration> = starts.iter().filter_map(|(_, start)| *start).collect();
        start_times.sort_unstable();
        start_times.dedup();
        let all_in_turn = start_times.len() == TASKS.len();
        if !late.is_empty() && !all_in_turn {
            let ended_before: Vec<String> = starts
                .iter()
                .filter_map(|(task, start)| start.filter(|at| *at > Duration::ZERO).map(|at| (task, at)))
                .map(|(task, at)| {
                    let done: Vec<&str> = TASKS
                        .iter()
                        .map(|(other, _)| *other)
                        .filter(|other| other != task && said_at(&run.trace, other, "Done").is_some_and(|d| d <= at))
                        .collect();
                    if done.is_empty() {
                        format!("  {task} started at {}", format_secs(at))
                    } else {
                        format!("  {task} started at {}, when {} had finished", format_secs(at), done.join(" and "))
                    }
                })
                .collect();
            run.fail(format!(
                "All three tasks should start at 0.000s, but not all did:\n{}\n\
                 A task that starts late was not handed to the event loop with the others: it began only \
                 once something before it in run_all had been awaited to its end. Put all three in one \
                 `tokio::join!(task_one(), task_two(), task_three())`, so each starts at once and the \
                 runtime switches between them whenever one waits.",
                ended_before.join("\n"),
            ));
        }
        if !late.is_empty() {
            // Three different start times: did each task start only once the one
            // started before it had said `Done`?
            let mut by_start: Vec<(&str, Duration)> =
                starts.iter().filter_map(|(task, start)| start.map(|at| (*task, at))).collect();
            by_start.sort_by_key(|(_, at)| *at);
            let in_turn: Vec<String> = by_start
                .windows(2)
                .map(|pair| {
                    let ((before, _), (next, at)) = (pair[0], pair[1]);
                    match said_at(&run.trace, before, "Done") {
                        Some(done) => format!(
                            "  {next} started at {}; {before} said `Done` at {}",
                            format_secs(at),
                            format_secs(done)
                        ),
                        None => format!("  {next} started at {}; {before} never said `Done`", format_secs(at)),
                    }
                })
                .collect();
            let each_after_the_previous = by_start
                .windows(2)
                .all(|pair| said_at(&run.trace, pair[0].0, "Done").is_some_and(|done| done <= pair[1].1));
            if each_after_the_previous {
                run.fail(format!(
                    "All three tasks should start at 0.000s, but:\n{}\n\
                     Each task started only once the one before it had said `Done`:\n{}\n\
                     run_all awaited each task to its end before starting the next, like \
                     `await task_one()` then `await task_two()` in Python, so the waits added up to {}. \
                     The event loop can only switch to a task it has been given: while task 1 \
                     slept, it had nothing else to run.\n\
                     Hand it all three at once: `tokio::join!(task_one(), task_two(), task_three())` \
                     (Python: `asyncio.gather`). Then whenever one task waits at an `.await`, the \
                     runtime runs another that is ready, and the events interleave as in the notes' \
                     table: 0.0, 0.5, 1.0, 2.0 and 3.0 s.",
                    late.join("\n"),
                    in_turn.join("\n"),
                    format_secs(run.virtual_elapsed)
                ));
            }
            run.fail(format!(
                "All three tasks should start at 0.000s, but they started at three different times, \
                 and not each once the one before it was done:\n{}\n\
                 Possible causes: a wait (a `sleep`) before starting a task; a task handed to the \
                 event loop only after part of another one was awaited. Put all three in one \
                 `tokio::join!(task_one(), task_two(), task_three())`, so each starts at once and \
                 the runtime switches between them whenever one waits.",
                in_turn.join("\n"),
            ));
        }
        ensure_every_task_done(&run);
        run.assert_elapsed(secs(3));
    }

    fn event_table_matches_the_notes() {
        let run = workbook::run(run_all_to_the_end());
        run.assert_not_blocked();
        assert_trace!(run, "event_table");
    }

    fn blocking_call_holds_up_everyone() {
        // Given code: the notes' blocking example.
        let run = workbook::run(blocking_pair());
        run.assert_not_blocked();
        run.ensure(
            run.virtual_elapsed == secs(7) && said_at(&run.trace, "Task 2", "Start") == Some(secs(5)),
            format!(
                "blocking_pair is the notes' blocking example, given for comparison, and this check \
                 shows what it does: task 1 holds the thread for 5 s, so task 2 starts only at \
                 5.000s and ends at 7.000s. It took {} here: it was changed. Put it back as it was \
                 (the fix belongs in waiting_pair).",
                format_secs(run.virtual_elapsed)
            ),
        );
        assert_trace!(run, "blocking_pair");
    }

    fn waiting_lets_the_other_task_run() {
        let run = workbook::run(waiting_pair());
        run.assert_not_blocked();
        ensure_no_blocking_wait(&run);
        run.assert_elapsed(secs(5));
        assert_trace!(run, "waiting_pair");
    }

    fn crunching_shares_the_thread() {
        let run = workbook::run(crunch_beside_heartbeat(CHUNKS));
        run.assert_not_blocked();
        let expected = expected_total(CHUNKS);
        run.ensure(
            run.value == expected,
            format!(
                "crunch_numbers({CHUNKS}) returned {}; it should return {expected}, the sum of what \
                 `tasks::crunch(1)` to `tasks::crunch({CHUNKS})` return.",
                run.value
            ),
        );
        if run.trace.find("crunch", "spawn_blocking").is_some() {
            run.fail(
                "crunch_numbers sends its chunks to the blocking pool (`spawn_blocking`). In a real \
                 program, moving long CPU work off the runtime's thread is often right: it leaves \
                 that thread free (chapter 09; `rayon` suits work that needs a core). This exercise \
                 asks for the other tool: keep the loop in its task, \
                 and let it share the runtime's thread by giving it back between chunks with \
                 `tokio::task::yield_now().await`. That is what you do when the work comes in small \
                 pieces, or must touch the task's own state between them. (The checks can't time \
                 work on the blocking pool anyway: tokio's paused clock stands still while it runs.)",
            );
        }
        if run.virtual_elapsed > millis(1500) {
            run.fail(format!(
                "crunch_numbers({CHUNKS}) took {}; its {CHUNKS} chunks of 250 ms of work take 1.500s, \
                 and handing the thread back between them should cost no time at all.\n\
                 Use `tokio::task::yield_now().await`: it comes back as soon as the other ready \
                 tasks have had their turn. A sleep, even a short one, waits for the timer.",
                format_secs(run.virtual_elapsed)
            ));
        }
        ensure_heartbeat_on_time(&run);
        run.assert_elapsed(millis(1500));
        assert_trace!(run, "crunch_with_heartbeat");
    }

    fn crunching_yields_after_every_chunk() {
        // The same crunch, beside a heartbeat shifted by a quarter second: its beats fall
        // on the ends of chunks 1, 3 and 5, so giving the thread back only after some
        // chunks (every other one, or once 0.5 s of work is done) makes it late.
        let run = workbook::run(crunch_beside_shifted_heartbeat(CHUNKS));
        run.assert_not_blocked();
        run.ensure(
            run.value == expected_total(CHUNKS),
            format!("crunch_numbers({CHUNKS}) returned {}; it should return {}.", run.value, expected_total(CHUNKS)),
        );
        let late: Vec<(Duration, String)> = run
            .trace
            .of("heartbeat")
            .filter(|e| e.what.contains("late"))
            .map(|e| (e.at, e.what.clone()))
            .collect();
        if let Some((at, what)) = late.first() {
            let chunk_ends: Vec<String> = run
                .trace
                .of("crunch")
                .filter(|e| e.what.ends_with("done"))
                .map(|e| format!("  {}  {}", format_secs(e.at), e.what))
                .collect();
            let list: Vec<String> = late.iter().map(|(at, what)| format!("  at {}: {what}", format_secs(*at))).collect();
            run.fail(format!(
                "This time the heartbeat's beats were due at 0.250s, 0.750s and 1.250s, the ends of chunks 1, \
                 3 and 5, and the heartbeat ran late:\n{}\n\
                 The first late beat, at {} ({what}), was due when a chunk had just ended, and ran only \
                 later. The chunks ended at:\n{}\n\
                 Possible causes: it did not give it back at the end of every chunk; or it gave it back \
                 at an `.await` that lets ready tasks run but not the timers fire (awaiting the \
                 JoinHandle of a chunk spawned as a task). \
                 Giving the thread back after some chunks only (every other chunk, or once 0.5 s of work \
                 is done) keeps a heartbeat that happens to beat at those moments on time, and no other. \
                 Call `tokio::task::yield_now().await` after every chunk, so the thread is never held for \
                 longer than one chunk.",
                list.join("\n"),
                format_secs(*at),
                chunk_ends.join("\n"),
            ));
        }
        run.assert_elapsed(millis(1500));
    }

    fn runner_runs_futures() {
        let runner = new_runner();
        let answer = call_sync("runner.run(..)", || {
            runner.run(async {
                tokio::time::sleep(millis(5)).await;
                42
            })
        });
        workbook::ensure(
            answer == 42,
            format!("runner.run(future) should return what the future returns (42); it returned {answer}."),
        );
        let from_task = call_sync("runner.run(..)", || runner.run(async { tokio::spawn(async { 7 }).await }));
        workbook::ensure(
            matches!(from_task, Ok(7)),
            format!("A task spawned inside runner.run(..) should run and return 7; its JoinHandle gave {from_task:?}."),
        );
    }

    fn runner_keeps_one_event_loop() {
        let runner = new_runner();
        let (counter, first) = call_sync("runner.run(..)", || {
            runner.run(async {
                let counter = start_counter();
                let first = ask(&counter).await;
                (counter, first)
            })
        });
        workbook::ensure(
            matches!(first, Ok(1)),
            format!(
                "The first runner.run(..) spawned a counter task and asked it once; it should have \
                 answered 1, but the answer was {first:?}."
            ),
        );
        let second = call_sync("runner.run(..)", || runner.run(ask(&counter)));
        match second {
            Ok(2) => {}
            Ok(count) => workbook::fail(format!(
                "The counter task answered {count} to its second question; it should answer 2."
            )),
            Err(Silence::Gone) => workbook::fail(
                "The first runner.run(..) spawned a counter task; the second runner.run(..) asked it \
                 a question, and the task was gone.\n\
                 Each `run` built a runtime of its own and dropped it when it returned, and a runtime \
                 that shuts down drops every task spawned on it. That is `asyncio.run` called twice: \
                 each call makes a new event loop and closes it at the end, so what one call set up \
                 (a background task, a connection pool, a client session) is gone in the next.\n\
                 `asyncio.Runner` keeps one event loop for all its `run` calls. Do the same: build \
                 one runtime in `Runner::new` (`Builder::new_current_thread().enable_all().build()?`, \
                 or `Runtime::new()?`), keep it in the struct, and in `run` call \
                 `self.runtime.block_on(future)`.",
            ),
            Err(Silence::NotRunning) => workbook::fail(
                "The first runner.run(..) spawned a counter task; the second runner.run(..) asked it \
                 a question, and it did not answer within a second. Its runtime still exists but was \
                 not running: a current-thread runtime runs its tasks only while a thread is inside \
                 its `block_on`, and the second `run` was driven by another runtime.\n\
                 Keep one runtime in the `Runner` and run every future on it: \
                 `self.runtime.block_on(future)`.",
            ),
        }
    }
}
