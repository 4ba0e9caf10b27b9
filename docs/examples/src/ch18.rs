//! Chapter 18 · graceful shutdown: on Ctrl-C, finish what you started, then exit.
//!
//! The code the chapter shows, and tests that prove what it says.
//!
//! The scenes replay the exercise's story: jobs arrive in a queue at set times, each a
//! span `job N` from `started` to `done` (or `dropped (cancelled)`), and "Ctrl-C" is the
//! token being cancelled. They run the *wrong* workers, to draw what goes wrong; the
//! right one is drawn from the reference solution's recorded traces.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::Instant;
use workbook::millis;
use workbook::trace::{Span, note};

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    // Jobs 2 and 3 are running when Ctrl-C comes at 2.5 s; job 4 arrives at 3 s.
    ("ch18::hard_stop", || Picture::of(story(IN_FLIGHT, hard_stop))),
    // Job 1 is done at 1 s, Ctrl-C comes at 2 s, job 2 arrives at 3 s.
    ("ch18::asks_after_each_job", || Picture::of(story(IDLE, asks_after_each_job))),
];

/// A job from the queue: the work, as a future that has not started yet.
pub type Job = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// What a scene does: the jobs it sends, `(number, arrives at ms, work ms)`, and when
/// it cancels the token.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub jobs: &'static [(u32, u64, u64)],
    pub shutdown_at: Duration,
}

/// The exercise's first check: jobs 2 and 3 are in flight at the shutdown (2.5 s).
pub const IN_FLIGHT: Plan =
    Plan { jobs: &[(1, 0, 1500), (2, 1000, 3000), (3, 2000, 1500), (4, 3000, 1000)], shutdown_at: millis(2500) };

/// The exercise's second check: nothing is running at the shutdown (2 s).
pub const IDLE: Plan = Plan { jobs: &[(1, 0, 1000), (2, 3000, 1000)], shutdown_at: millis(2000) };

/// A job that works for `work`: traced as the span `job <number>`.
pub fn job(number: u32, work: Duration) -> Job {
    Box::pin(async move {
        let span = Span::begin(format!("job {number}"), "started");
        tokio::time::sleep(work).await;
        span.end("done");
    })
}

/// Runs `worker` through `plan`: sends the jobs at their times (the queue stays open),
/// cancels the token at `plan.shutdown_at`, notes when the worker returned, and keeps
/// watching until 4 s, so that the picture shows what happened after.
pub async fn story<W, F>(plan: Plan, worker: W) -> Duration
where
    W: FnOnce(CancellationToken, mpsc::Receiver<Job>) -> F,
    F: Future<Output = ()>,
{
    let start = Instant::now();
    let (queue, jobs) = mpsc::channel(16);
    let shutdown = CancellationToken::new();
    tokio::spawn(async move {
        for &(number, arrives, work) in plan.jobs {
            tokio::time::sleep_until(start + millis(arrives)).await;
            note("queue", &format!("job {number} arrives ({} s of work)", millis(work).as_secs_f64()));
            let _ = queue.send(job(number, millis(work))).await;
        }
        std::future::pending::<()>().await; // the queue stays open
    });
    let ctrl_c = shutdown.clone();
    tokio::spawn(async move {
        tokio::time::sleep_until(start + plan.shutdown_at).await;
        note("Ctrl-C", "shutdown.cancel()");
        ctrl_c.cancel();
    });
    worker(shutdown, jobs).await;
    let returned = start.elapsed();
    note("run_worker", "returned");
    tokio::time::sleep_until(start + millis(4000)).await;
    returned
}

/// The hard stop: on the shutdown, return at once, and the `JoinSet`, dropped, aborts
/// every job still running.
pub async fn hard_stop(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let mut running = JoinSet::new();
    loop {
        tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            job = jobs.recv() => match job {
                Some(job) => {
                    running.spawn(job);
                }
                None => break,
            },
        }
    }
} // `running` is dropped here: its tasks are aborted halfway

/// Looks at the token only when a job has arrived: an idle worker does not notice the
/// shutdown until the next job comes.
pub async fn asks_after_each_job(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let tracker = TaskTracker::new();
    // ANCHOR: asks_after_each_job
    while let Some(job) = jobs.recv().await {
        if shutdown.is_cancelled() {
            break; // noticed only now that a job came
        }
        tracker.spawn(job);
    }
    // ANCHOR_END: asks_after_each_job
    tracker.close();
    tracker.wait().await;
}

// ANCHOR: server
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// Answers each request (a line) with the same line in capitals, until the client hangs up.
async fn handle(mut socket: TcpStream) {
    let (reader, mut writer) = socket.split();
    let mut requests = BufReader::new(reader).lines();
    while let Ok(Some(request)) = requests.next_line().await {
        let answer = format!("{}\n", request.to_uppercase());
        if writer.write_all(answer.as_bytes()).await.is_err() {
            break;
        }
    }
}

async fn accept_loop(listener: TcpListener, shutdown: CancellationToken) {
    let connections = TaskTracker::new();
    loop {
        tokio::select! {
            biased; // look at the token first
            () = shutdown.cancelled() => break, // stop taking new work
            accepted = listener.accept() => match accepted {
                Ok((socket, _)) => {
                    connections.spawn(handle(socket)); // each client, a task
                }
                Err(error) => eprintln!("accept failed: {error}"),
            },
        }
    }
    connections.close(); // no new tasks from here
    connections.wait().await; // the clients in flight end
}

#[tokio::main]
pub async fn main() {
    let listener = TcpListener::bind("127.0.0.1:8080").await.expect("port in use");
    let shutdown = CancellationToken::new();
    let on_ctrl_c = shutdown.clone();
    tokio::spawn(async move {
        let _ = tokio::signal::ctrl_c().await; // Err: couldn't listen
        on_ctrl_c.cancel();
    });
    accept_loop(listener, shutdown).await;
} // main returns after the last client was served, and the process exits
// ANCHOR_END: server

#[cfg(test)]
mod tests {
    use super::*;
    use workbook::{run, secs};

    #[test]
    fn a_hard_stop_cuts_the_jobs_in_flight() {
        let run = run(story(IN_FLIGHT, hard_stop));
        assert_eq!(run.value, millis(2500), "returns the moment the token is cancelled");
        for name in ["job 2", "job 3"] {
            let dropped = run.trace.find(name, "dropped").unwrap_or_else(|| panic!("{}", run.trace.table()));
            assert_eq!(dropped.at, millis(2500));
            assert!(run.trace.find(name, "done").is_none());
        }
        assert!(run.trace.find("job 4", "started").is_none(), "{}", run.trace.table());
    }

    #[test]
    fn asking_after_each_job_notices_the_shutdown_a_second_late() {
        let run = run(story(IDLE, asks_after_each_job));
        assert_eq!(run.value, secs(3), "the shutdown came at 2 s; job 2 woke the worker at 3 s");
        assert!(run.trace.find("job 2", "started").is_none(), "{}", run.trace.table());
    }

    #[test]
    fn asking_after_each_job_never_returns_when_no_job_comes() {
        let run = run(async {
            let (_queue, jobs) = mpsc::channel::<Job>(1);
            let shutdown = CancellationToken::new();
            shutdown.cancel();
            tokio::time::timeout(secs(60), asks_after_each_job(shutdown, jobs)).await.is_ok()
        });
        assert!(!run.value, "still waiting for a job after 60 s");
    }

    #[test]
    fn biased_select_prefers_the_token_and_run_until_cancelled_the_future() {
        // The token is cancelled and a job arrives while the worker is parked: which wins?
        async fn race(use_select: bool) -> Option<u32> {
            let (queue, mut jobs) = mpsc::channel(1);
            let shutdown = CancellationToken::new();
            let token = shutdown.clone();
            let worker = tokio::spawn(async move {
                if use_select {
                    tokio::select! {
                        biased;
                        () = token.cancelled() => None,
                        job = jobs.recv() => job,
                    }
                } else {
                    token.run_until_cancelled(jobs.recv()).await.flatten()
                }
            });
            tokio::task::yield_now().await; // the worker is parked now
            shutdown.cancel();
            queue.send(7).await.unwrap();
            worker.await.unwrap()
        }
        assert_eq!(run(race(true)).value, None, "biased select!: the token first");
        assert_eq!(run(race(false)).value, Some(7), "run_until_cancelled: the future first");
        // Asked again once the token is cancelled, run_until_cancelled gives None at once.
        let again = run(async {
            let (queue, mut jobs) = mpsc::channel(1);
            queue.send(7).await.unwrap();
            let shutdown = CancellationToken::new();
            shutdown.cancel();
            shutdown.run_until_cancelled(jobs.recv()).await
        });
        assert_eq!(again.value, None);
    }

    #[test]
    fn the_server_serves_the_clients_in_flight_then_returns() {
        let run = run(async {
            let _clock = crate::ch19::hold_clock();
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let address = listener.local_addr().unwrap();
            let shutdown = CancellationToken::new();
            let server = tokio::spawn(accept_loop(listener, shutdown.clone()));

            let client = TcpStream::connect(address).await.unwrap();
            let (reader, mut writer) = client.into_split();
            let mut answers = BufReader::new(reader).lines();
            writer.write_all(b"one\n").await.unwrap();
            assert_eq!(answers.next_line().await.unwrap().as_deref(), Some("ONE"));

            shutdown.cancel();
            // A client that comes after the shutdown is never served.
            let late = TcpStream::connect(address).await;
            // The client in flight still is, and the server waits for it.
            writer.write_all(b"two\n").await.unwrap();
            assert_eq!(answers.next_line().await.unwrap().as_deref(), Some("TWO"));
            for _ in 0..10 {
                tokio::task::yield_now().await;
            }
            assert!(!server.is_finished(), "accept_loop returned while a client was still connected");

            drop(writer); // the client hangs up
            assert_eq!(answers.next_line().await.unwrap(), None);
            server.await.unwrap();
            // Its listener is gone: the late client gets no answer.
            if let Ok(mut late) = late {
                let _ = late.write_all(b"three\n").await;
                let mut lines = BufReader::new(late).lines();
                assert!(!matches!(lines.next_line().await, Ok(Some(_))), "the late client was served");
            }
        });
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
    }
}
