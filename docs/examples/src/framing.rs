//! The framing pages: why async, concurrency and parallelism, the runtime, blocking
//! work, and the asyncio-to-tokio map.
//!
//! The code those pages show, and tests that prove what they say.
//!
//! CPU work is drawn with `tasks::crunch`, which holds the thread for 250 ms and, on
//! the paused clock of a run, moves the virtual clock by as much: the pictures show
//! what a real computation would do to the other tasks. Work on `spawn_blocking`'s
//! threads and on a `multi_thread` runtime can't be drawn on that clock (the paused
//! clock needs a `current_thread` runtime and stands still while the blocking pool
//! works); the pages say so, and the tests below prove those claims another way.

use std::io::{self, BufRead, Write};
use std::sync::{Arc, Barrier};
use std::thread::ThreadId;

use futures::future::join_all;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
use tokio::runtime::Runtime;
use workbook::sim::tasks::{self, say};
use workbook::sim::web;
use workbook::trace::Span;
use workbook::{millis, secs};

use crate::{Picture, Scene};

/// The runs the framing pages draw.
pub const SCENES: &[Scene] = &[
    ("framing::legend", || Picture::of(legend())),
    ("framing::three_waits", || Picture::of(three_waits())),
    ("framing::three_computations", || Picture::of(three_computations())),
    ("framing::wait_while_computing", || Picture::of(wait_while_computing())),
    ("framing::computing_first", || Picture::of(computing_first())),
    ("framing::spawned_on_one_thread", || {
        Picture::of(async {
            spawned_on_one_thread().await.expect("a thumbnail panicked");
        })
    }),
    ("framing::breakfast", || Picture::of(breakfast())),
    ("framing::blocked_heartbeat", || Picture::of(blocked_heartbeat())),
    ("framing::blocking_handler", || Picture::of(blocking_handler())),
    ("framing::handler_off_the_thread", || Picture::of(handler_off_the_thread())),
];

// ---------------------------------------------------------------------------------
// introduction.md: how to read a timeline

/// One run with every mark a timeline has: two bars, a dropped one, an event.
pub async fn legend() {
    // ANCHOR: legend
    web::set_latency("/slow", secs(3));
    let fast = web::fetch_page("/fast"); // 1 s
    let slow = tokio::time::timeout(millis(1500), web::fetch_page("/slow")); // 3 s, but we give up at 1.5 s
    let (page, gave_up) = tokio::join!(fast, slow);
    say("main", "has /fast, gave up on /slow");
    // ANCHOR_END: legend
    drop((page, gave_up));
}

// ---------------------------------------------------------------------------------
// why-async.md: waiting versus computing

/// Three requests that wait 1 s each for a server, run together.
pub async fn three_waits() {
    // ANCHOR: three_waits
    let (users, orders, weather) =
        tokio::join!(web::fetch_page("/users"), web::fetch_page("/orders"), web::fetch_page("/weather"));
    // ANCHOR_END: three_waits
    drop((users, orders, weather));
}

// ANCHOR: thumbnail
/// CPU-bound work: makes a thumbnail of `photo`. It is an `async fn`, but nothing in
/// it waits: it computes for 250 ms and never reaches an `.await`.
pub async fn thumbnail(photo: &str) -> u64 {
    let span = Span::begin(format!("thumbnail {photo}"), "computing");
    let checksum = tasks::crunch(1); // 250 ms of arithmetic on this thread
    span.end("done");
    checksum
}
// ANCHOR_END: thumbnail

/// Three computations of 250 ms, "run together" on one thread.
pub async fn three_computations() -> (u64, u64, u64) {
    // ANCHOR: three_computations
    let (a, b, c) = tokio::join!(thumbnail("a.jpg"), thumbnail("b.jpg"), thumbnail("c.jpg"));
    // ANCHOR_END: three_computations
    (a, b, c)
}

/// A request waits while the thread computes: the two overlap.
pub async fn wait_while_computing() {
    // ANCHOR: wait_while_computing
    let (gallery, thumbnails) = tokio::join!(
        web::fetch_page("/gallery"), // sends the request, then waits 1 s
        async { (thumbnail("a.jpg").await, thumbnail("b.jpg").await, thumbnail("c.jpg").await) },
    );
    // ANCHOR_END: wait_while_computing
    drop((gallery, thumbnails));
}

/// The same two branches the other way round: the request goes out only when the
/// computing is done.
pub async fn computing_first() {
    // ANCHOR: computing_first
    let (thumbnails, gallery) = tokio::join!(
        async { (thumbnail("a.jpg").await, thumbnail("b.jpg").await, thumbnail("c.jpg").await) },
        web::fetch_page("/gallery"), // first polled at 0.75 s, when the thread is free
    );
    // ANCHOR_END: computing_first
    drop((gallery, thumbnails));
}

// ---------------------------------------------------------------------------------
// concurrency-and-parallelism.md

/// Three spawned thumbnails on a `current_thread` runtime: three tasks, one thread.
pub async fn spawned_on_one_thread() -> Result<Vec<u64>, tokio::task::JoinError> {
    // ANCHOR: spawned_on_one_thread
    let handles: Vec<_> = ["a.jpg", "b.jpg", "c.jpg"].into_iter().map(|photo| tokio::spawn(thumbnail(photo))).collect();
    let mut checksums = Vec::new();
    for handle in handles {
        checksums.push(handle.await?);
    }
    // ANCHOR_END: spawned_on_one_thread
    Ok(checksums)
}

/// Proof of parallelism without a clock: two tasks on a two-worker runtime meet at a
/// barrier that lets nobody through until both have arrived. Only two threads running
/// at the same moment can pass it. Returns the threads the tasks ran on.
pub fn two_workers_meet() -> io::Result<Vec<ThreadId>> {
    // ANCHOR: two_workers_meet
    // `?`: if the runtime can't start, return the error to our caller.
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build()?;
    // `Arc`: a pointer that several owners share; the barrier lives until the last one is dropped.
    let meeting = Arc::new(Barrier::new(2)); // opens when 2 threads are waiting at it
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let meeting = meeting.clone(); // one more pointer to the same barrier, not a copy of it
            runtime.spawn(async move {
                // `move`: the task takes its own `meeting` with it.
                meeting.wait(); // holds this worker until the other task arrives
                std::thread::current().id()
            })
        })
        .collect();
    let threads = runtime.block_on(join_all(handles));
    // ANCHOR_END: two_workers_meet
    Ok(threads.into_iter().map(|joined| joined.expect("a task panicked")).collect())
}

/// The same meeting with `spawn_blocking`: three closures, three threads of the
/// blocking pool at once, even on a runtime that has only one thread of its own.
pub async fn three_blocking_jobs_meet() -> Vec<ThreadId> {
    // ANCHOR: three_blocking_jobs_meet
    let meeting = Arc::new(Barrier::new(3));
    let jobs = (0..3).map(|_| {
        let meeting = meeting.clone();
        tokio::task::spawn_blocking(move || {
            meeting.wait(); // passes only when all three closures are running
            std::thread::current().id()
        })
    });
    let threads = join_all(jobs).await;
    // ANCHOR_END: three_blocking_jobs_meet
    threads.into_iter().map(|joined| joined.expect("a job panicked")).collect()
}

// ---------------------------------------------------------------------------------
// runtime.md

// ANCHOR: breakfast
async fn boil_water() {
    say("kettle", "switched on");
    tokio::time::sleep(secs(3)).await;
    say("kettle", "boiled");
}

async fn make_toast() {
    say("toaster", "bread in");
    tokio::time::sleep(secs(2)).await;
    say("toaster", "toast up");
}

pub async fn breakfast() {
    let kettle = tokio::spawn(boil_water()); // a task of its own, run by the runtime
    let toaster = tokio::spawn(make_toast());
    kettle.await.expect("the kettle task panicked");
    toaster.await.expect("the toaster task panicked");
}
// ANCHOR_END: breakfast

/// A task that should run every 0.5 s, and a blocking call that holds the thread.
pub async fn blocked_heartbeat() {
    // ANCHOR: blocked_heartbeat
    tokio::spawn(tasks::heartbeat(millis(500))); // should beat every 0.5 s
    tokio::time::sleep(millis(1200)).await; // beats at 0, 0.5 and 1 s
    tasks::block_thread(secs(2)); // like std::thread::sleep: holds the thread from 1.2 s to 3.2 s
    tokio::time::sleep(millis(600)).await;
    // ANCHOR_END: blocked_heartbeat
}

/// What `#[tokio::main]` on `async fn main` writes for you.
pub fn main_by_hand() {
    // ANCHOR: main_by_hand
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all() // the I/O driver and the timer
        .build()
        .expect("can't start the runtime");
    runtime.block_on(async {
        // the body of your `async fn main`
    });
    // `runtime` is dropped here: tasks still running are dropped with it
    // ANCHOR_END: main_by_hand
}

// ---------------------------------------------------------------------------------
// runtime-flavors.md

/// The two runtimes, built by hand.
pub fn builders() -> io::Result<(Runtime, Runtime)> {
    // ANCHOR: builders
    // One thread: the one that calls `block_on` runs every task.
    let one_thread = tokio::runtime::Builder::new_current_thread()
        .enable_all() // the I/O driver and the timer
        .build()?;

    // A pool of worker threads sharing the tasks: 4 here, one per CPU core if you don't say.
    let workers = tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build()?;
    // ANCHOR_END: builders
    Ok((one_thread, workers))
}

/// Where a spawned task runs: the caller's thread, or a worker's.
pub fn where_tasks_run(runtime: &Runtime) -> (ThreadId, ThreadId) {
    // ANCHOR: where_tasks_run
    let caller = std::thread::current().id();
    let task_ran_on = runtime.block_on(async { tokio::spawn(async { std::thread::current().id() }).await });
    // current_thread: the same thread as `caller`. multi_thread: one of the workers.
    // ANCHOR_END: where_tasks_run
    (caller, task_ran_on.expect("the task panicked"))
}

// ANCHOR: attributes
#[tokio::main(flavor = "current_thread")]
pub async fn small_tool() -> usize {
    // every task of this runtime runs on the thread that called `small_tool()`
    tokio::spawn(async { 1 + 1 }).await.expect("the task panicked")
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
pub async fn small_server() -> usize {
    // two worker threads share the tasks
    tokio::spawn(async { 2 + 2 }).await.expect("the task panicked")
}
// ANCHOR_END: attributes

/// A future that is not `Send` (it holds an `Rc` across an `.await`) still runs as a
/// task: with `spawn_local`, inside a `LocalSet`, on the thread that drives the set.
pub async fn not_send_on_one_thread() -> usize {
    // ANCHOR: local_set
    let local = tokio::task::LocalSet::new();
    local
        .run_until(async {
            let name = std::rc::Rc::new(String::from("agent")); // Rc is not Send
            let task = tokio::task::spawn_local(async move {
                tokio::task::yield_now().await; // `name` is alive across this .await
                name.len()
            });
            task.await.expect("the task panicked")
        })
        .await
    // ANCHOR_END: local_set
}

// ---------------------------------------------------------------------------------
// blocking-and-async.md

/// A thread-per-connection server, the shape of a WSGI server with worker threads:
/// each client gets a thread, and that thread is blocked while the client is silent.
pub fn serve_with_threads(listener: std::net::TcpListener) -> io::Result<()> {
    // ANCHOR: serve_with_threads
    for stream in listener.incoming() {
        let stream = stream?;
        std::thread::spawn(move || answer(stream)); // a thread per client
    }
    Ok(())
    // ANCHOR_END: serve_with_threads
}

// ANCHOR: answer
/// Reads one line and sends it back in capitals.
fn answer(mut stream: std::net::TcpStream) -> io::Result<()> {
    let mut line = String::new();
    io::BufReader::new(&stream).read_line(&mut line)?; // blocks this thread until the line comes
    stream.write_all(line.to_uppercase().as_bytes())
}
// ANCHOR_END: answer

/// A task-per-connection server, the shape of an ASGI server: one thread can serve
/// every client, because a silent client holds a task, not a thread.
pub async fn serve_with_tasks(listener: tokio::net::TcpListener) -> io::Result<()> {
    // ANCHOR: serve_with_tasks
    loop {
        let (stream, _) = listener.accept().await?; // waits without holding the thread
        tokio::spawn(answer_async(stream)); // a task per client
    }
    // ANCHOR_END: serve_with_tasks
}

// ANCHOR: answer_async
/// Reads one line and sends it back in capitals.
async fn answer_async(mut stream: tokio::net::TcpStream) -> io::Result<()> {
    let mut line = String::new();
    tokio::io::BufReader::new(&mut stream).read_line(&mut line).await?; // the task waits, the thread moves on
    stream.write_all(line.to_uppercase().as_bytes()).await
}
// ANCHOR_END: answer_async

// ANCHOR: render_report
/// A handler that calls a synchronous library: 2 s on the thread, no `.await`.
pub async fn render_report() -> &'static str {
    tasks::block_thread(secs(2)); // stands for a blocking call, like std::thread::sleep
    "report"
}
// ANCHOR_END: render_report

// ANCHOR: render_report_off_thread
/// The same call, moved to tokio's blocking pool.
pub async fn render_report_off_thread() -> &'static str {
    tokio::task::spawn_blocking(|| {
        tasks::block_thread(secs(2)); // a pool thread is held, not the runtime's
        "report"
    })
    .await
    .expect("the render panicked")
}
// ANCHOR_END: render_report_off_thread

/// Three requests served together; the middle one blocks the thread.
pub async fn blocking_handler() {
    // ANCHOR: blocking_handler
    let (a, report, c) = tokio::join!(web::fetch_page("/a"), render_report(), web::fetch_page("/c"));
    // ANCHOR_END: blocking_handler
    drop((a, report, c));
}

/// The same three with the blocking call on the blocking pool.
pub async fn handler_off_the_thread() {
    let (a, report, c) = tokio::join!(web::fetch_page("/a"), render_report_off_thread(), web::fetch_page("/c"));
    drop((a, report, c));
}

/// Sums bytes on a worker thread that tells the runtime it is about to block.
pub async fn checksum_in_place(data: Vec<u8>) -> u64 {
    // ANCHOR: block_in_place
    // multi_thread only: this thread runs the closure, after handing its worker's queue
    // of tasks to a new thread that takes over as the worker. On current_thread, it panics.
    tokio::task::block_in_place(|| data.iter().map(|&byte| u64::from(byte)).sum())
    // ANCHOR_END: block_in_place
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use super::*;
    use crate::testing::{Sleeper, assert_panics, assert_times, at};
    use workbook::run;
    use workbook::trace::Kind;

    // introduction.md

    #[test]
    fn the_legend_has_a_bar_a_dropped_bar_and_an_event() {
        let run = run(legend());
        assert_times(
            &run,
            millis(1500),
            &[
                ("GET /fast", "200 OK", secs(1)),
                ("GET /slow", "dropped", millis(1500)),
                ("main", "gave up", millis(1500)),
            ],
        );
        let picture = run.timeline();
        assert!(picture.contains('█') && picture.contains('✗') && picture.contains('•'), "{picture}");
    }

    // why-async.md

    #[test]
    fn three_waits_overlap_one_second_in_all() {
        let run = run(three_waits());
        assert_eq!(run.virtual_elapsed, secs(1));
        for url in ["/users", "/orders", "/weather"] {
            assert_eq!(at(&run.trace, &format!("GET {url}"), "request sent"), Duration::ZERO);
        }
    }

    #[test]
    fn three_computations_take_turns_on_one_thread() {
        assert_times(
            &run(three_computations()),
            millis(750),
            &[
                ("thumbnail b.jpg", "computing", millis(250)),
                ("thumbnail c.jpg", "computing", millis(500)),
                ("thumbnail c.jpg", "done", millis(750)),
            ],
        );
    }

    #[test]
    fn a_wait_overlaps_with_computing() {
        let run = run(wait_while_computing());
        assert_eq!(run.virtual_elapsed, secs(1), "not 1.75 s");
        assert_eq!(at(&run.trace, "GET /gallery", "request sent"), Duration::ZERO);
        assert_eq!(at(&run.trace, "thumbnail c.jpg", "done"), millis(750));
    }

    #[test]
    fn computing_first_sends_the_request_late() {
        assert_times(&run(computing_first()), millis(1750), &[("GET /gallery", "request sent", millis(750))]);
    }

    #[test]
    fn a_waiting_request_costs_a_few_hundred_bytes() {
        // A task is its future: here, a request with its URL, its trace span and its timer.
        let request = web::fetch_page("/users");
        let bytes = std::mem::size_of_val(&request);
        assert!(bytes < 1024, "{bytes} bytes");
        drop(request);
    }

    // concurrency-and-parallelism.md

    #[test]
    fn spawned_tasks_on_one_thread_still_take_turns() {
        let run = run(spawned_on_one_thread());
        assert_eq!(run.value.as_ref().expect("no task panicked").len(), 3);
        assert_times(&run, millis(750), &[("thumbnail c.jpg", "computing", millis(500))]);
    }

    /// Runs `work` on its own thread and fails, rather than hanging, if it never ends.
    /// (A guard for the barrier tests: they only hang if there is no parallelism.)
    fn within_a_minute<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
        let (done, outcome) = std::sync::mpsc::channel();
        std::thread::spawn(move || done.send(work()));
        outcome.recv_timeout(Duration::from_secs(60)).expect("the threads never met: no parallelism")
    }

    #[test]
    fn two_workers_run_two_tasks_at_the_same_moment() {
        let threads = within_a_minute(two_workers_meet).expect("the runtime starts");
        assert_eq!(threads.len(), 2);
        assert_ne!(threads[0], threads[1]);
    }

    #[test]
    fn the_blocking_pool_runs_three_jobs_at_once_beside_a_one_thread_runtime() {
        let run = within_a_minute(|| run(three_blocking_jobs_meet()));
        let mut threads = run.value.clone();
        threads.sort_by_key(|id| format!("{id:?}"));
        threads.dedup();
        assert_eq!(threads.len(), 3, "three different threads");
        assert!(!run.blocked(), "the runtime's own thread stayed free");
    }

    #[test]
    fn crunching_on_the_blocking_pool_is_not_on_the_virtual_clock() {
        let run = run(async { tokio::task::spawn_blocking(|| tasks::crunch(1)).await.expect("no panic") });
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
        assert!(run.trace.find("crunch", "untimed").is_some(), "{}", run.trace.table());
    }

    // runtime.md

    #[test]
    fn breakfast_tasks_wait_on_their_timers_together() {
        assert_times(
            &run(breakfast()),
            secs(3),
            &[
                ("kettle", "switched on", Duration::ZERO),
                ("toaster", "bread in", Duration::ZERO),
                ("toaster", "toast up", secs(2)),
                ("kettle", "boiled", secs(3)),
            ],
        );
    }

    #[test]
    fn a_blocking_call_makes_the_heartbeat_late() {
        let run = run(blocked_heartbeat());
        assert_eq!(run.virtual_elapsed, millis(3800));
        let beats: Vec<(Duration, &str)> = run.trace.of("heartbeat").map(|e| (e.at, e.what.as_str())).collect();
        assert_eq!(
            beats,
            [
                (Duration::ZERO, "beat"),
                (millis(500), "beat"),
                (secs(1), "beat"),
                (millis(3200), "beat, 1.700s late"),
                (millis(3700), "beat"),
            ]
        );
        assert_eq!(at(&run.trace, "blocking call", "lets go"), millis(3200));
    }

    #[test]
    fn main_by_hand_runs() {
        main_by_hand();
    }

    #[test]
    fn without_enable_all_there_is_no_timer() {
        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a runtime");
        // tokio::time::sleep needs the timer that enable_all turns on.
        assert_panics(|| runtime.block_on(async { tokio::time::sleep(millis(1)).await }), "timers are disabled");
    }

    #[test]
    fn dropping_the_runtime_drops_the_tasks_still_waiting() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().start_paused(true).build().unwrap();
        let (sleeper, task) = Sleeper::new(secs(10));
        runtime.spawn(task);
        runtime.block_on(async { tokio::time::sleep(secs(1)).await });
        sleeper.assert_dropped_with(runtime);
    }

    #[test]
    fn dropping_the_runtime_waits_for_a_running_blocking_job() {
        struct OnDrop(std::sync::mpsc::Sender<()>);
        impl Drop for OnDrop {
            fn drop(&mut self) {
                let _ = self.0.send(());
            }
        }
        let finished = Arc::new(AtomicBool::new(false));
        let finished_in_job = finished.clone();
        within_a_minute(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let (started, has_started) = std::sync::mpsc::channel();
            let (release, released) = std::sync::mpsc::channel();
            runtime.spawn_blocking(move || {
                started.send(()).unwrap();
                // Let go only once the shutdown has begun: when the async task below is dropped.
                released.recv().unwrap();
                finished_in_job.store(true, Ordering::SeqCst);
            });
            let guard = OnDrop(release);
            runtime.spawn(async move {
                let _guard = guard;
                std::future::pending::<()>().await;
            });
            runtime.block_on(async { tokio::task::yield_now().await });
            has_started.recv().unwrap();
            drop(runtime); // drops the async task, then waits for the job it released
        });
        assert!(finished.load(Ordering::SeqCst), "the blocking job ran to its end before the drop returned");
    }

    // runtime-flavors.md

    #[test]
    fn current_thread_runs_tasks_on_the_caller_multi_thread_on_workers() {
        let (one_thread, workers) = builders().expect("the runtimes start");
        let (caller, ran_on) = where_tasks_run(&one_thread);
        assert_eq!(caller, ran_on);
        let (caller, ran_on) = where_tasks_run(&workers);
        assert_ne!(caller, ran_on);
    }

    #[test]
    fn the_attributes_build_runtimes() {
        assert_eq!(small_tool(), 2);
        assert_eq!(small_tool(), 2, "each call builds a runtime of its own");
        assert_eq!(small_server(), 4);
    }

    #[test]
    fn a_tokio_main_fn_called_from_async_code_panics() {
        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a runtime");
        assert_panics(|| runtime.block_on(async { small_tool() }), "Cannot start a runtime from within a runtime");
    }

    #[test]
    fn a_future_that_is_not_send_runs_in_a_local_set() {
        assert_eq!(run(not_send_on_one_thread()).value, 5);
    }

    #[test]
    fn the_clock_can_be_paused_only_on_current_thread() {
        let paused = run(async { tokio::time::sleep(Duration::from_secs(300)).await });
        assert_eq!(paused.virtual_elapsed, Duration::from_secs(300));
        assert!(!paused.blocked());
        assert_panics(
            || tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().start_paused(true).build(),
            "current_thread",
        );
    }

    // blocking-and-async.md

    #[test]
    fn the_thread_server_answers_clients_in_the_order_they_speak() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        std::thread::spawn(move || serve_with_threads(listener));
        let answers = within_a_minute(move || {
            let clients: Vec<std::net::TcpStream> =
                (0..3).map(|_| std::net::TcpStream::connect(address).unwrap()).collect();
            // The last to connect speaks first: a server that served one client at a
            // time would still be waiting for the first.
            let mut answers = Vec::new();
            for (i, mut client) in clients.into_iter().enumerate().rev() {
                client.write_all(format!("client {i}\n").as_bytes()).unwrap();
                let mut answer = String::new();
                io::BufReader::new(&client).read_line(&mut answer).unwrap();
                answers.push(answer);
            }
            answers
        });
        assert_eq!(answers, ["CLIENT 2\n", "CLIENT 1\n", "CLIENT 0\n"]);
    }

    #[test]
    fn the_task_server_answers_clients_in_the_order_they_speak_on_one_thread() {
        let answers = within_a_minute(|| {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                let address = listener.local_addr().unwrap();
                tokio::spawn(serve_with_tasks(listener));
                let mut clients = Vec::new();
                for _ in 0..3 {
                    clients.push(tokio::net::TcpStream::connect(address).await.unwrap());
                }
                let mut answers = Vec::new();
                for (i, mut client) in clients.into_iter().enumerate().rev() {
                    client.write_all(format!("client {i}\n").as_bytes()).await.unwrap();
                    let mut answer = String::new();
                    tokio::io::BufReader::new(client).read_line(&mut answer).await.unwrap();
                    answers.push(answer);
                }
                answers
            })
        });
        assert_eq!(answers, ["CLIENT 2\n", "CLIENT 1\n", "CLIENT 0\n"]);
    }

    #[test]
    fn a_blocking_handler_holds_up_the_other_requests() {
        let run = run(blocking_handler());
        assert_eq!(run.virtual_elapsed, secs(3), "not 2 s");
        assert_eq!(at(&run.trace, "blocking call", "lets go"), secs(2));
        // /a's answer was due at 1 s; nobody could take it before the thread was free.
        assert_eq!(at(&run.trace, "GET /a", "200 OK"), secs(2));
        assert_eq!(at(&run.trace, "GET /c", "request sent"), secs(2));
        assert_eq!(at(&run.trace, "GET /c", "200 OK"), secs(3));
    }

    #[test]
    fn off_the_thread_the_other_requests_keep_their_time() {
        let run = run(handler_off_the_thread());
        assert_times(&run, secs(1), &[("GET /c", "request sent", Duration::ZERO), ("GET /a", "200 OK", secs(1))]);
        assert!(run.trace.find("blocking call", "untimed").is_some(), "{}", run.trace.table());
        assert!(run.trace.events().iter().all(|e| e.kind != Kind::Dropped));
    }

    #[test]
    fn stdin_is_read_a_line_at_a_time_through_a_bufreader() {
        // `tokio::io::Stdin` is only `AsyncRead`; `read_line` needs a `BufReader` around it.
        // Built, never run: the test only has to compile.
        let read = async {
            let mut line = String::new();
            tokio::io::BufReader::new(tokio::io::stdin()).read_line(&mut line).await
        };
        drop(read);
    }

    #[test]
    fn block_in_place_works_on_multi_thread_and_panics_on_current_thread() {
        let (one_thread, workers) = builders().expect("the runtimes start");
        assert_eq!(workers.block_on(checksum_in_place(vec![1, 2, 3])), 6);
        assert_panics(
            || one_thread.block_on(checksum_in_place(vec![1, 2, 3])),
            "only when running on the multi-threaded runtime",
        );
    }
}
