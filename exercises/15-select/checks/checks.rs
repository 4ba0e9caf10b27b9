//! The checks of exercise 15. Read them if you like; `grader check` notices edits.
//!
//! Each check plays the other side of one session, from a script: a client that sends
//! messages (or writes bytes to the connection) at set times and may hang up, and for
//! `serve_inbox` a server that signals shutdown. Then it compares what your session
//! delivered and when, when it pinged, and when it returned, with what a correct
//! session does. It waits at most 10 s (virtual) for your session, and stops it if it
//! spins, so a session that never ends fails with a lesson instead of hanging.

use std::fmt::Write as _;
use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use tokio::io::AsyncWriteExt as _;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Instant, sleep_until};

use super::*;
use workbook::sim::mailbox;
use workbook::story::{listed, side_by_side};
use workbook::trace::note;
use workbook::{Run, assert_trace, format_secs, millis, secs};

/// The keep-alive period the checks expect: 1 s.
const BEAT: Duration = secs(1);

/// How long a check waits for your session before it calls it stuck: 10 s.
const PATIENCE: Duration = secs(10);

/// How many times your session may be polled at one instant before the check calls it
/// a spin and stops it. A session that waits is polled a few times at most.
const SPIN_LIMIT: u32 = 100;

/// How many times `shutdown_delivers_what_was_already_sent` plays its script:
/// `select!` picks at random among ready branches, so one round proves little.
const ROUNDS: usize = 12;

/// One thing the other side of the session does.
#[derive(Clone, Copy, Debug)]
enum Step {
    /// The client sends a message to the inbox.
    Send(&'static str),
    /// The server signals shutdown.
    Shutdown,
    /// The client hangs up: every sender of the inbox is dropped.
    HangUp,
    /// The client writes these bytes to the connection.
    Write(&'static str),
    /// The client closes the connection.
    Close,
}

/// What the other side does, and when (time since the session started).
type Script = &'static [(Duration, Step)];

/// How the session ended, as the check saw it.
#[derive(Debug, PartialEq, Eq)]
enum Ending {
    /// It returned `Ok`.
    Returned,
    /// It returned this error.
    Failed(String),
    /// It was still running after [`PATIENCE`], and the check dropped it.
    StillRunning,
    /// It was polled [`SPIN_LIMIT`] times at one instant, and the check dropped it.
    Spun,
}

/// What your session did.
#[derive(Debug)]
struct Session {
    ending: Ending,
    /// When it returned, or when the check stopped it.
    ended_at: Duration,
    /// What it delivered, and when.
    deliveries: Vec<(Duration, String)>,
    /// When it pinged.
    pings: Vec<Duration>,
    /// Every instant at which it was polled.
    wakeups: Vec<Duration>,
    /// Pings that went out after it returned, while the check kept the runtime going
    /// (see [`LINGER`]).
    pings_after: Vec<Duration>,
    /// The same for deliveries.
    deliveries_after: Vec<(Duration, String)>,
}

/// How long `nothing_goes_out_after_the_session_returns` keeps the runtime going after
/// the session returned: long enough for three more beats.
const LINGER: Duration = millis(3300);

/// After the session returned: waits `linger` (nothing if zero), then records in it
/// the pings and deliveries that came after its end.
async fn linger(mut session: Session, start: Instant, linger: Duration) -> Session {
    if linger.is_zero() {
        return session;
    }
    tokio::time::sleep(linger).await;
    let pings = mailbox::keep_alives();
    session.pings_after = pings[session.pings.len().min(pings.len())..].iter().map(|at| *at - start).collect();
    let deliveries = mailbox::deliveries();
    session.deliveries_after = deliveries[session.deliveries.len().min(deliveries.len())..]
        .iter()
        .map(|d| (d.at - start, d.message.clone()))
        .collect();
    session
}

/// Runs `session` for at most [`PATIENCE`], stopping it if it spins, and collects what
/// it did. `start` is when the script started.
async fn watch<E: std::fmt::Display>(start: Instant, session: impl Future<Output = Result<(), E>>) -> Session {
    let mut session = pin!(session);
    let mut patience = pin!(sleep_until(start + PATIENCE));
    let mut wakeups: Vec<Duration> = Vec::new();
    let mut polls_here = 0;
    let ending = poll_fn(|cx| {
        let now = start.elapsed();
        if wakeups.last() == Some(&now) {
            polls_here += 1;
        } else {
            wakeups.push(now);
            polls_here = 1;
        }
        if polls_here > SPIN_LIMIT {
            return Poll::Ready(Ending::Spun);
        }
        if let Poll::Ready(result) = session.as_mut().poll(cx) {
            return Poll::Ready(match result {
                Ok(()) => Ending::Returned,
                Err(error) => Ending::Failed(error.to_string()),
            });
        }
        if patience.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Ending::StillRunning);
        }
        Poll::Pending
    })
    .await;
    note(
        "session",
        match ending {
            Ending::Returned => "returns",
            Ending::Failed(_) => "returns an error",
            Ending::StillRunning => "still running: the check gives up on it",
            Ending::Spun => "spinning: the check stops it",
        },
    );
    Session {
        ending,
        ended_at: start.elapsed(),
        deliveries: mailbox::deliveries().into_iter().map(|d| (d.at - start, d.message)).collect(),
        pings: mailbox::keep_alives().into_iter().map(|at| at - start).collect(),
        wakeups,
        pings_after: Vec::new(),
        deliveries_after: Vec::new(),
    }
}

/// Plays `script` against `serve_inbox`: the client sends messages and hangs up, the
/// server signals shutdown. Whatever the script doesn't close stays open until the
/// session is over.
fn talk(script: Script) -> Run<Session> {
    talk_then_linger(script, Duration::ZERO)
}

/// [`talk`], then keeps the runtime going `after` longer once the session returned.
fn talk_then_linger(script: Script, after: Duration) -> Run<Session> {
    workbook::run(async move {
        let start = Instant::now();
        let (inbox_sender, inbox) = mpsc::channel(16);
        let (shutdown_sender, shutdown) = oneshot::channel();
        let other_side = tokio::spawn(async move {
            let mut inbox_sender = Some(inbox_sender);
            let mut shutdown_sender = Some(shutdown_sender);
            for &(at, step) in script {
                sleep_until(start + at).await;
                match step {
                    Step::Send(message) => {
                        note("client", &format!("sends {message:?}"));
                        if let Some(sender) = &inbox_sender {
                            let _ = sender.send(message.to_string()).await;
                        }
                    }
                    Step::Shutdown => {
                        note("server", "signals shutdown");
                        if let Some(sender) = shutdown_sender.take() {
                            let _ = sender.send(());
                        }
                    }
                    Step::HangUp => {
                        note("client", "hangs up");
                        inbox_sender = None;
                    }
                    Step::Write(_) | Step::Close => unreachable!("not an inbox step"),
                }
            }
            let _still_open = (inbox_sender, shutdown_sender);
            std::future::pending::<()>().await;
        });
        let session = watch(start, async {
            serve_inbox(inbox, shutdown).await;
            Ok::<(), std::convert::Infallible>(())
        })
        .await;
        other_side.abort();
        linger(session, start, after).await
    })
}

/// Plays `script` against `serve_connection`: the client writes bytes to its end of
/// the connection, then closes it.
fn connect(script: Script) -> Run<Session> {
    connect_then_linger(script, Duration::ZERO)
}

/// [`connect`], then keeps the runtime going `after` longer once the session returned.
fn connect_then_linger(script: Script, after: Duration) -> Run<Session> {
    workbook::run(async move {
        let start = Instant::now();
        let (mut client_end, server_end) = tokio::io::duplex(1024);
        let client = tokio::spawn(async move {
            for &(at, step) in script {
                sleep_until(start + at).await;
                match step {
                    Step::Write(bytes) => {
                        note("client", &format!("writes {bytes:?}"));
                        let _ = client_end.write_all(bytes.as_bytes()).await;
                    }
                    Step::Close => {
                        note("client", "closes the connection");
                        break;
                    }
                    Step::Send(_) | Step::Shutdown | Step::HangUp => unreachable!("not a connection step"),
                }
            }
        });
        let session = watch(start, serve_connection(server_end)).await;
        client.abort();
        linger(session, start, after).await
    })
}

/// A line the client writes, maybe in several pieces.
#[derive(Debug, Default)]
struct Line {
    text: String,
    /// The pieces of the line (its `\n` included), each with the time it was written.
    pieces: Vec<(Duration, &'static str)>,
}

impl Line {
    fn started_at(&self) -> Duration {
        self.pieces.first().map_or(Duration::ZERO, |p| p.0)
    }

    fn done_at(&self) -> Duration {
        self.pieces.last().map_or(Duration::ZERO, |p| p.0)
    }
}

/// What a correct session does with a script.
#[derive(Debug)]
struct Expected {
    script: Script,
    /// What to deliver, and when.
    deliveries: Vec<(Duration, String)>,
    /// The lines of a connection script.
    lines: Vec<Line>,
    /// When the session should return: at the shutdown, the hang-up or the close.
    end: Duration,
    /// What ends it, in words: `the server signalled shutdown`.
    end_reason: &'static str,
}

impl Expected {
    fn of(script: Script) -> Expected {
        let mut deliveries = Vec::new();
        let mut lines = Vec::new();
        let mut line = Line::default();
        let mut end = None;
        for &(at, step) in script {
            match step {
                Step::Send(message) => deliveries.push((at, message.to_string())),
                Step::Write(bytes) => {
                    for piece in bytes.split_inclusive('\n') {
                        line.pieces.push((at, piece));
                        if piece.ends_with('\n') {
                            line.text = line.pieces.iter().map(|p| p.1).collect::<String>().trim_end().to_string();
                            deliveries.push((at, line.text.clone()));
                            lines.push(std::mem::take(&mut line));
                        }
                    }
                }
                Step::Shutdown => {
                    end.get_or_insert((at, "the server signalled shutdown"));
                }
                Step::HangUp => {
                    end.get_or_insert((at, "the client hung up"));
                }
                Step::Close => {
                    end.get_or_insert((at, "the client closed the connection"));
                }
            }
        }
        let (end, end_reason) = end.expect("every script ends the session");
        Expected { script, deliveries, lines, end, end_reason }
    }

    /// When the pings are due: every second, up to the end.
    fn pings(&self) -> Vec<Duration> {
        (1..).map(|n| BEAT * n).take_while(|&at| at < self.end).collect()
    }

    fn is_connection(&self) -> bool {
        self.script.iter().any(|(_, step)| matches!(step, Step::Write(_)))
    }

    fn hang_up_at(&self) -> Option<Duration> {
        self.script.iter().find(|(_, step)| matches!(step, Step::HangUp)).map(|s| s.0)
    }

    fn shutdown_at(&self) -> Option<Duration> {
        self.script.iter().find(|(_, step)| matches!(step, Step::Shutdown)).map(|s| s.0)
    }

    /// Instants at which something happens: the script's steps and the pings.
    fn busy_instants(&self) -> Vec<Duration> {
        let mut instants: Vec<Duration> = self.script.iter().map(|s| s.0).chain(self.pings()).collect();
        instants.push(Duration::ZERO);
        instants
    }

    /// The messages sent in a burst together with the shutdown, if any.
    fn sent_with_shutdown(&self) -> Vec<&'static str> {
        let Some(at) = self.shutdown_at() else { return Vec::new() };
        self.script
            .iter()
            .filter_map(|&(t, step)| match step {
                Step::Send(message) if t == at => Some(message),
                _ => None,
            })
            .collect()
    }
}

/// `1.000s, 2.000s and 3.000s`.
fn list_secs(times: &[Duration]) -> String {
    if times.is_empty() { "none".to_string() } else { listed(times.iter().map(|t| format_secs(*t))) }
}

/// What the other side did, as a list, for messages.
fn script_table(script: Script) -> String {
    let mut out = String::new();
    for &(at, step) in script {
        let what = match step {
            Step::Send(message) => format!("client sends {message:?}"),
            Step::Shutdown => "server signals shutdown".to_string(),
            Step::HangUp => "client hangs up".to_string(),
            Step::Write(bytes) => format!("client writes {bytes:?}"),
            Step::Close => "client closes the connection".to_string(),
        };
        let _ = writeln!(out, "  {:>8}  {what}", format_secs(at));
    }
    out
}

/// The expected deliveries beside yours, for messages.
fn deliveries_table(expected: &[(Duration, String)], got: &[(Duration, String)]) -> String {
    let cells = |list: &[(Duration, String)]| -> Vec<String> {
        list.iter().map(|(at, message)| format!("{} {message:?}", format_secs(*at))).collect()
    };
    side_by_side(&cells(expected), &cells(got))
}

/// The fix for a timer that restarts or ticks at once.
const ONE_TIMER: &str = "Make the timer once, before the loop, and let it keep its own beat: \
    `let mut keep_alive = tokio::time::interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);` \
    (that `Instant` is `tokio::time::Instant`) with the branch \
    `_ = keep_alive.tick() => mailbox::keep_alive(),` in the `select!`. An `Interval` remembers when its next tick is due, however often the loop goes round, and \
    `tick()` is cancel safe: losing a `select!` costs it nothing.";

/// Judges a session against what a correct one does with the same script. `round`
/// says which round of a repeated script this was.
fn judge(run: &Run<Session>, expected: &Expected, round: Option<usize>) {
    let session = &run.value;
    let at = format_secs(session.ended_at);
    let connection = expected.is_connection();
    let script = script_table(expected.script);

    if session.ending == Ending::Spun {
        let pings_then = session.pings.iter().filter(|&&p| p == session.ended_at).count();
        if pings_then > 1 {
            run.fail(format!(
                "Your session sent {pings_then} keep-alive pings at {at}, all at the same instant, and was \
                 still at it when the check stopped it: the clock could not move on.\n\
                 Whatever pings was ready again at once, every time. The usual cause is a \
                 `tokio::time::interval(KEEP_ALIVE)` made inside the loop: a new interval's first tick \
                 completes immediately. (A `sleep(KEEP_ALIVE)` made inside the loop doesn't spin, but it \
                 restarts from zero every time round.)\n{ONE_TIMER}"
            ));
        }
        if let Some(hang_up) = expected.hang_up_at().filter(|&h| h <= session.ended_at) {
            run.fail(format!(
                "The client hung up at {}: the last Sender of the inbox was dropped. Your session then \
                 went round its loop without ever waiting: the check polled it {SPIN_LIMIT} times at {at} \
                 and the clock never moved on, so it stopped it. (A real server would burn a whole CPU \
                 core on this.)\n\
                 Once every Sender is gone, `inbox.recv()` returns `None` at once, every time: that \
                 branch of `select!` is always ready, and if your code ignores the `None`, the loop \
                 spins. `None` means the inbox is closed for good, so leave the loop:\n    \
                 message = inbox.recv() => match message {{ Some(message) => ..., None => break }},\n\
                 (Python's `asyncio.Queue` never closes; since 3.13 `queue.shutdown()` makes `get()` \
                 raise `QueueShutDown`. A tokio channel closes by itself when the last Sender is \
                 dropped.)",
                format_secs(hang_up)
            ));
        }
        if connection && expected.end <= session.ended_at {
            run.fail(format!(
                "The client closed the connection at {}. Your session then went round its loop without \
                 ever waiting: the check polled it {SPIN_LIMIT} times at {at} and the clock never moved \
                 on, so it stopped it.\n\
                 At the end of the stream, `next_line()` returns `Ok(None)` (and `read_line` returns \
                 `Ok(0)`) at once, every time: that branch of `select!` is always ready, and if your \
                 code ignores it, the loop spins. End of stream means the client is gone: \
                 `None => return Ok(())`.",
                format_secs(expected.end)
            ));
        }
        run.fail(format!(
            "Your session was polled {SPIN_LIMIT} times at {at} without the clock moving on, so the \
             check stopped it: it spins instead of waiting. The run shows the spin, not the code \
             that spins. Possible causes: a `select!` branch that is ready every time round the loop \
             (a future that completes at once, a closed channel or stream whose end you ignore); a \
             loop that looks with `try_recv()` and gives way with `yield_now()` but never waits. \
             Every branch should wait for something: a message, a tick, the shutdown."
        ));
    }

    run.assert_not_blocked();

    // What was delivered, and when.
    let due = &expected.deliveries;
    let delivered = &session.deliveries;
    if delivered != due {
        let table = deliveries_table(due, delivered);
        if let Some((_, text)) = delivered.iter().find(|(_, text)| text.ends_with(['\n', '\r'])) {
            run.fail(format!(
                "You delivered {text:?}, with its line ending. Deliver the line without it: \
                 `next_line()` strips it for you; after `read_line`, use `line.trim_end()`.\n\n\
                 The client did this:\n{script}\n{table}"
            ));
        }
        if connection {
            judge_lines(run, expected, &script, &table);
        } else {
            judge_messages(run, expected, &script, &table, round);
        }
    }

    // When it pinged, up to the end of the session.
    let due_pings = expected.pings();
    let pings: Vec<Duration> = session.pings.iter().copied().filter(|&p| p < expected.end).collect();
    if pings != due_pings {
        judge_pings(run, expected, &pings, &script);
    }

    // Woken for nothing?
    let busy = expected.busy_instants();
    let idle: Vec<Duration> =
        session.wakeups.iter().copied().filter(|w| *w < expected.end && !busy.contains(w)).collect();
    if idle.len() > 2 {
        let shown: Vec<Duration> = idle.iter().copied().take(5).collect();
        run.fail(format!(
            "Your session delivered and pinged on time, but it also woke up {} times when nothing had \
             happened (at {}{}): it polls, looking now and then whether something came, instead of \
             waiting.\n\
             That is the Python habit of `await asyncio.wait_for(queue.get(), 0.1)` in a loop: short \
             timeouts, to look at the other things in between. `tokio::select!` waits for all of them \
             at once and wakes up only when one of them is ready: the next message, the next tick, or \
             the shutdown.",
            idle.len(),
            list_secs(&shown),
            if idle.len() > shown.len() { ", …" } else { "" }
        ));
    }

    // When it ended.
    match &session.ending {
        Ending::Returned if session.ended_at == expected.end => {}
        Ending::Returned | Ending::Failed(_) if session.ended_at < expected.end => run.fail(format!(
            "Your session returned at {at}, but it should go on until {} at {}.\n\n\
             The other side did this:\n{script}",
            expected.end_reason,
            format_secs(expected.end)
        )),
        Ending::Failed(error) => run.fail(format!(
            "Your session returned the error `{error}` at {at}; {} at {}, and it should have returned \
             `Ok(())` then.",
            expected.end_reason,
            format_secs(expected.end)
        )),
        Ending::Returned => run.fail(format!(
            "{} at {}, but your session returned only at {at}{}\n\
             Wait for the end in the same `select!` as everything else, so it wins the moment it \
             comes: `_ = &mut shutdown => break,` for the shutdown, `None => break` on the inbox's \
             `recv()`.\n\n\
             The other side did this:\n{script}",
            capitalize(expected.end_reason),
            format_secs(expected.end),
            match woken_by(session, expected) {
                Some(what) => format!(", the instant {what}: it noticed only when something else woke it up."),
                None => ". Nothing else happened at that instant in the run. Possible causes: it looks \
                    at the end only now and then (on a timer, or after a timeout), or it waited for \
                    something else after the end came."
                    .to_string(),
            }
        )),
        Ending::StillRunning => judge_never_ended(run, expected, &script),
        Ending::Spun => unreachable!("judged above"),
    }
}

/// What else happened at the instant the session returned, if anything: a ping it sent
/// then, or a step of the other side's script.
fn woken_by(session: &Session, expected: &Expected) -> Option<String> {
    let at = session.ended_at;
    if session.pings.contains(&at) {
        return Some("your keep-alive tick came (it pinged then)".to_string());
    }
    expected.script.iter().find(|(t, _)| *t == at).map(|(_, step)| match step {
        Step::Send(message) => format!("the client sent {message:?}"),
        Step::Shutdown => "the server signalled shutdown".to_string(),
        Step::HangUp => "the client hung up".to_string(),
        Step::Write(bytes) => format!("the client wrote {bytes:?}"),
        Step::Close => "the client closed the connection".to_string(),
    })
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Why the lines delivered from the connection are not the lines written.
fn judge_lines(run: &Run<Session>, expected: &Expected, script: &str, table: &str) -> ! {
    let delivered = &run.value.deliveries;
    let intact = |line: &Line| delivered.iter().any(|(at, text)| *text == line.text && *at == line.done_at());
    // A line is split into reads, or several lines glued into one?
    let glued = delivered.iter().any(|(_, text)| text.trim_end().contains('\n'));
    let split = delivered.iter().any(|(at, text)| {
        expected.lines.iter().any(|l| l.text.starts_with(text.as_str()) && *text != l.text && *at < l.done_at())
    });
    if glued || split {
        run.fail(format!(
            "The lines you delivered are not the lines the client wrote: you delivered what each read \
             brought, but a connection is a stream of bytes, not of messages. One write may bring half \
             a line, or two lines at once.\n\n\
             The client did this:\n{script}\n{table}\n\
             Cut the stream into lines at each `\\n`, and deliver a line when its `\\n` has arrived: \
             `BufReader::new(connection).lines()` does exactly that, and its `next_line()` is cancel \
             safe, so it can be a `select!` branch."
        ));
    }
    // Lines that came in one write with the line before them, and went missing?
    let dropped_with_buffer = expected.lines.windows(2).find(|pair| {
        let (before, line) = (&pair[0], &pair[1]);
        line.started_at() == before.done_at()
            && intact(before)
            && !delivered.iter().any(|(_, text)| line.text.ends_with(text.as_str()))
    });
    if let Some(pair) = dropped_with_buffer {
        run.fail(format!(
            "At {2}, one write of the client brought the line {0:?} and, right after it, the bytes of \
             {1:?}. You delivered the first line, but the second never came out.\n\
             The read took all those bytes from the connection at once, into a buffer, and handed you \
             one line: the rest stayed in the buffer. A `BufReader` (or its `lines()`) made inside the \
             loop is thrown away, buffer and all, each time round. Make it once, before the loop: \
             `let mut lines = BufReader::new(connection).lines();`, and use `lines.next_line()` in \
             the `select!`.\n\n\
             The client did this:\n{script}\n{table}",
            pair[0].text,
            pair[1].text,
            format_secs(pair[0].done_at()),
        ));
    }
    // A line cut by a tick, and its beginning lost?
    for line in expected.lines.iter().filter(|l| !intact(l)) {
        let cuts: Vec<Duration> =
            expected.pings().into_iter().filter(|&t| line.started_at() < t && t < line.done_at()).collect();
        if cuts.is_empty() {
            continue;
        }
        let pieces: Vec<String> =
            line.pieces.iter().map(|(at, piece)| format!("{piece:?} at {}", format_secs(*at))).collect();
        let became = match delivered.iter().find(|(at, _)| *at == line.done_at()) {
            Some((_, text)) => format!("you delivered {text:?}: the beginning of the line was lost"),
            None => "and you never delivered it".to_string(),
        };
        let pinged: Vec<Duration> =
            run.value.pings.iter().copied().filter(|&t| line.started_at() < t && t < line.done_at()).collect();
        let during = if pinged.is_empty() {
            format!(
                "A keep-alive ping was due at {}, in the middle of that line (your session sent none \
                 then).",
                list_secs(&cuts)
            )
        } else {
            format!("Your session sent a keep-alive ping at {}, in the middle of that line.", list_secs(&pinged))
        };
        run.fail(format!(
            "The client wrote the line {:?} in pieces: {}. It was complete at {}, and {became}.\n\
             {during} The run shows that, not which code lost the bytes. Possible causes: the read is \
             a `select!` branch, the keep-alive tick won the `select!`, and `select!` dropped the \
             losing branch: your read, with the bytes it had already taken from the connection; or a \
             `timeout(..)` around the read ran out and dropped it the same way.\n\
             `read_line` is not cancel safe. Its docs say so: if another branch completes first, data \
             it has partially read is lost. It keeps those bytes inside the future, not in your \
             String (today it even empties the String you passed when it starts), so keeping the \
             String outside the loop does not save them. (A `BufReader` or a `lines()` made inside \
             the loop loses them too: it is dropped, with its buffer, each time round.)\n\
             Read with something that keeps a half-read line when it is dropped: \
             `let mut lines = BufReader::new(connection).lines();` before the loop, and \
             `line = lines.next_line() => ...` in the `select!`. `next_line()` is cancel safe: the \
             bytes of a half-read line wait inside `lines` until the rest comes. (Or keep one \
             `read_line` future alive across ticks, or use `read_until(b'\\n', &mut buf)` with a \
             buffer kept outside the loop: it appends what it read to `buf`.)\n\n\
             The client did this:\n{script}\n{table}",
            line.text,
            pieces.join(", then "),
            format_secs(line.done_at()),
        ));
    }
    run.fail(format!(
        "Each line should be delivered at the instant its last byte (its `\\n`) arrives, intact and in \
         order, and yours were not.\n\nThe client did this:\n{script}\n{table}"
    ))
}

/// Why the messages delivered from the inbox are not the messages sent.
fn judge_messages(run: &Run<Session>, expected: &Expected, script: &str, table: &str, round: Option<usize>) -> ! {
    let delivered = &run.value.deliveries;
    let burst = expected.sent_with_shutdown();
    let lost: Vec<&str> = burst.iter().copied().filter(|m| !delivered.iter().any(|(_, d)| d == m)).collect();
    if !lost.is_empty() {
        let when = format_secs(expected.shutdown_at().unwrap_or_default());
        let kept = burst.len() - lost.len();
        let round = match round {
            Some(n) if n > 0 => format!(
                " That was in round {} of {ROUNDS} of the same script: the rounds before it went \
                 differently.",
                n + 1
            ),
            _ => String::new(),
        };
        run.fail(format!(
            "At {when} the client sent {} messages, and right after them the server signalled shutdown. \
             Your session delivered {kept} of them and returned: {} lost.{round}\n\
             Those messages were in the inbox before the shutdown came, so they must be delivered. \
             The run shows which were lost, not how; if your loop is a `select!`: when several of its \
             branches are ready at once, it picks one at random: sometimes the inbox, sometimes the \
             shutdown. (Python's `asyncio.wait(..., \
             return_when=FIRST_COMPLETED)` hands you every task that is done; `select!` runs one \
             branch and drops the rest.) Two ways to lose nothing:\n\
             - write `biased;` first in the `select!`: it then tries the branches in the order \
             written, so put the inbox before the shutdown (with the shutdown first, it always leaves \
             the waiting messages behind);\n\
             - or, after the loop, drain the inbox: `inbox.close();` (no more sends), then \
             `while let Some(message) = inbox.recv().await {{ ... }}` delivers what is left (a loop: \
             one `if let Ok(message) = inbox.try_recv()` takes one message, not all that wait).\n\
             (A loop that looks at the signal with `shutdown.try_recv()` after each message loses \
             them the same way: it sees the signal as soon as the first one is delivered.)\n\n\
             The other side did this:\n{script}\n{table}",
            burst.len(),
            lost.iter().map(|m| format!("{m:?}")).collect::<Vec<_>>().join(", "),
        ));
    }
    run.fail(format!(
        "Each message should be delivered the moment it arrives, and in order, and yours were not.\n\
         Deliver in the `select!` branch that receives it: `message = inbox.recv() => ...`.\n\n\
         The other side did this:\n{script}\n{table}"
    ))
}

/// Why the pings are not on the beat.
fn judge_pings(run: &Run<Session>, expected: &Expected, pings: &[Duration], script: &str) -> ! {
    let due = expected.pings();
    let end = format_secs(expected.end);
    let what_arrives = if expected.is_connection() { "a line" } else { "a message" };
    if pings.is_empty() {
        run.fail(format!(
            "Your session sent no keep-alive ping at all, though one was due every second: at {} (the \
             session runs until {end}).\n\
             - If your loop only waits for the next {}, it can't ping while it waits: wait for either \
             with `tokio::select!`, one branch for it and one for the next tick.\n\
             - If it has a timer branch like `_ = tokio::time::sleep(KEEP_ALIVE) => ...`, that sleep \
             is made anew each time round the loop, so whatever else happens restarts its second from \
             zero: with {what_arrives} more often than once a second, it never runs out. A \
             `tokio::time::timeout(KEEP_ALIVE, ..)` around each wait does the same.\n\
             {ONE_TIMER}\n\nThe other side did this:\n{script}",
            list_secs(&due),
            if expected.is_connection() { "line" } else { "message" },
        ));
    }
    if pings.first() == Some(&Duration::ZERO) {
        run.fail(format!(
            "Your session pinged at {}; the first ping is due one second after the start, at 1.000s.\n\
             `tokio::time::interval(period)` ticks for the first time at once, at 0 s. Start it one \
             period later, `tokio::time::interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE)`, or \
             await its first tick once before the loop.",
            list_secs(pings)
        ));
    }
    // A timer that restarts whenever something happens pings one second after the last event.
    let mut events: Vec<Duration> = run.value.deliveries.iter().map(|d| d.0).chain(pings.iter().copied()).collect();
    events.push(Duration::ZERO);
    let restarted = pings.iter().all(|&p| events.iter().filter(|&&e| e < p).max().is_some_and(|&e| e + BEAT == p));
    if restarted {
        run.fail(format!(
            "Your session pinged at {}, but the pings are due on the beat, at {}. Each of your pings came \
             one second after whatever happened last: your timer starts over every time {what_arrives} \
             arrives. With {what_arrives} more often than once a second, no ping would go out at all.\n\
             The run shows when the pings went out, not which code timed them. A one-second wait made \
             anew each time round the loop does this, whatever its form: a \
             `tokio::time::sleep(KEEP_ALIVE)` written as a `select!` branch, a \
             `tokio::time::timeout(KEEP_ALIVE, ..)` around each wait for {what_arrives}, or an interval \
             `reset()` whenever {what_arrives} comes. Each time, the second already waited is thrown \
             away.\n{ONE_TIMER}\n\nThe other side did this:\n{script}",
            list_secs(pings),
            list_secs(&due)
        ));
    }
    run.fail(format!(
        "Your session pinged at {} (before {end}); the pings are due every second on the beat, at {}.\n\
         {ONE_TIMER}\n\nThe other side did this:\n{script}",
        list_secs(pings),
        list_secs(&due)
    ))
}

/// Why the session never returned.
fn judge_never_ended(run: &Run<Session>, expected: &Expected, script: &str) -> ! {
    let session = &run.value;
    let end = format_secs(expected.end);
    let patience = format_secs(PATIENCE);
    let pinged_after = session.pings.iter().any(|&p| p > expected.end);
    if expected.shutdown_at().is_some() && pinged_after {
        run.fail(format!(
            "The server signalled shutdown at {end}, but your session was still running at {patience}, \
             when the check gave up on it, and keep-alive pings went on going out after the shutdown.\n\
             The run shows the pings, not what sent them. Possible causes:\n\
             - Nothing in your loop waits for the shutdown signal, or nothing looks at it while the \
             session waits (a `try_recv()` made only when a message arrives sees it only if one comes);\n\
             - the pings come from a task spawned beside the loop that nobody stops, while the loop \
             itself is stuck elsewhere.\n\
             Give the shutdown a `select!` branch of its own, in the loop that pings: \
             `_ = &mut shutdown => break,`. Write `&mut shutdown`: the same receiver is polled again \
             each time round the loop (plain `shutdown` would move it into the first `select!`).\n\n\
             The other side did this:\n{script}"
        ));
    }
    if expected.shutdown_at().is_some() {
        run.fail(format!(
            "The server signalled shutdown at {end}, and your session stopped pinging then, but it \
             never returned: it was still waiting at {patience}, when the check gave up on it.\n\
             Possible causes: something after your loop waits for good; the loop itself left the \
             pinging behind but still waits for something else. If you drain the inbox after the loop, \
             `inbox.recv().await` waits for more messages as long as a Sender is alive, and the \
             client still holds one: call `inbox.close()` first (then `recv()` hands out the messages \
             already sent, then `None`), or take them with `try_recv()` until it fails.\n\n\
             The other side did this:\n{script}"
        ));
    }
    let (what, pattern, fix) = if expected.is_connection() {
        (
            "`next_line()` returned `Ok(None)`: the end of the stream",
            "`Ok(Some(line)) = lines.next_line()`",
            "Match every outcome instead: `line = lines.next_line() => match line? { Some(line) => ..., \
             None => return Ok(()) }`.",
        )
    } else {
        (
            "`inbox.recv()` returned `None`: every Sender was gone",
            "`Some(message) = inbox.recv()`",
            "Match both instead: `message = inbox.recv() => match message { Some(message) => ..., None => \
             break }`.",
        )
    };
    run.fail(format!(
        "{} at {end}, and your session should have returned then, but it was still running at \
         {patience}, when the check gave up on it. At {end}, {what}, and your loop carried on.\n\
         A `select!` branch with a pattern, like {pattern}, is disabled when the value doesn't match \
         it: `select!` then waits for the other branches, here the keep-alive tick, forever. {fix}\n\n\
         The other side did this:\n{script}",
        capitalize(expected.end_reason),
    ))
}

workbook::checks! {
    fn messages_are_delivered_as_they_arrive() {
        const SCRIPT: Script = &[
            (millis(300), Step::Send("hello")),
            (millis(1400), Step::Send("are you there?")),
            (millis(2200), Step::Send("see you at 5")),
            (millis(3500), Step::Shutdown),
        ];
        let run = talk(SCRIPT);
        judge(&run, &Expected::of(SCRIPT), None);
        run.assert_elapsed(millis(3500));
        assert_trace!(run, "messages_are_delivered_as_they_arrive");
    }

    fn keep_alive_keeps_the_beat_through_a_busy_inbox() {
        // A message every 0.4 s: more often than the keep-alive beat.
        const SCRIPT: Script = &[
            (millis(300), Step::Send("one")),
            (millis(700), Step::Send("two")),
            (millis(1100), Step::Send("three")),
            (millis(1500), Step::Send("four")),
            (millis(1900), Step::Send("five")),
            (millis(2300), Step::Send("six")),
            (millis(2700), Step::Send("seven")),
            (millis(3100), Step::Send("eight")),
            (millis(3500), Step::Shutdown),
        ];
        let run = talk(SCRIPT);
        judge(&run, &Expected::of(SCRIPT), None);
        run.assert_elapsed(millis(3500));
        assert_trace!(run, "keep_alive_keeps_the_beat_through_a_busy_inbox");
    }

    fn hang_up_ends_the_session() {
        // No shutdown: the client's hang-up alone must end the session.
        const SCRIPT: Script = &[
            (millis(500), Step::Send("brb")),
            (millis(1200), Step::Send("gotta go")),
            (millis(1700), Step::HangUp),
        ];
        let run = talk(SCRIPT);
        judge(&run, &Expected::of(SCRIPT), None);
        run.assert_elapsed(millis(1700));
        assert_trace!(run, "hang_up_ends_the_session");
    }

    fn shutdown_delivers_what_was_already_sent() {
        // Three messages, then the shutdown, all at 2.5 s: several branches are ready at once.
        const SCRIPT: Script = &[
            (millis(500), Step::Send("train delayed")),
            (millis(2500), Step::Send("boarding now")),
            (millis(2500), Step::Send("platform 4")),
            (millis(2500), Step::Send("see you soon")),
            (millis(2500), Step::Shutdown),
        ];
        let expected = Expected::of(SCRIPT);
        for round in 0..ROUNDS {
            let run = talk(SCRIPT);
            judge(&run, &expected, Some(round));
            run.assert_elapsed(millis(2500));
            if round == 0 {
                assert_trace!(run, "shutdown_delivers_what_was_already_sent");
            }
        }
    }

    fn nothing_goes_out_after_the_session_returns() {
        const INBOX: Script = &[(millis(400), Step::Send("last words")), (millis(1500), Step::Shutdown)];
        const CONNECTION: Script = &[(millis(600), Step::Write("bye\n")), (millis(1200), Step::Close)];
        for (script, run) in [(INBOX, talk_then_linger(INBOX, LINGER)), (CONNECTION, connect_then_linger(CONNECTION, LINGER))] {
            let expected = Expected::of(script);
            judge(&run, &expected, None);
            let session = &run.value;
            let function = if expected.is_connection() { "serve_connection" } else { "serve_inbox" };
            if !session.pings_after.is_empty() || !session.deliveries_after.is_empty() {
                let mut what = Vec::new();
                if !session.pings_after.is_empty() {
                    what.push(format!("keep-alive pings at {}", list_secs(&session.pings_after)));
                }
                if !session.deliveries_after.is_empty() {
                    let times: Vec<Duration> = session.deliveries_after.iter().map(|d| d.0).collect();
                    what.push(format!("deliveries at {}", list_secs(&times)));
                }
                run.fail(format!(
                    "{function} returned at {}, when {}; the check then kept the runtime going {} longer, \
                     and {} still went out: something the session started kept running after it had \
                     returned.\n\
                     A task spawned with `tokio::spawn` (say, a pinger with its own interval loop) runs \
                     until it ends or is aborted, whoever's function returns; dropping its `JoinHandle` \
                     does not stop it. In a real server, every finished session would leave a pinger \
                     behind, pinging a client that is gone. Keep the ticking in the session's own \
                     `select!` loop, so it stops when the loop does; or keep the handle and \
                     `abort()` the task before returning.\n\n\
                     The other side did this:\n{}",
                    format_secs(session.ended_at),
                    expected.end_reason,
                    format_secs(LINGER),
                    what.join(" and "),
                    script_table(script),
                ));
            }
        }
    }

    fn lines_are_delivered_as_they_arrive() {
        // Whole lines; the second write brings two at once.
        const SCRIPT: Script = &[
            (millis(400), Step::Write("temp 21.5\n")),
            (millis(1700), Step::Write("temp 21.6\ntemp 21.8\n")),
            (millis(2300), Step::Close),
        ];
        let run = connect(SCRIPT);
        judge(&run, &Expected::of(SCRIPT), None);
        run.assert_elapsed(millis(2300));
        assert_trace!(run, "lines_are_delivered_as_they_arrive");
    }

    fn a_line_cut_by_a_keep_alive_arrives_whole() {
        // Lines written in pieces, with a keep-alive tick due between the pieces.
        const SCRIPT: Script = &[
            (millis(600), Step::Write("temp 2")),
            (millis(1300), Step::Write("1.9\ntemp")),
            (millis(2600), Step::Write(" 22.0\n")),
            (millis(3400), Step::Close),
        ];
        let run = connect(SCRIPT);
        judge(&run, &Expected::of(SCRIPT), None);
        run.assert_elapsed(millis(3400));
        assert_trace!(run, "a_line_cut_by_a_keep_alive_arrives_whole");
    }
}
