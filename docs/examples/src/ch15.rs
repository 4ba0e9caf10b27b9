//! Chapter 15 · select: wait for whichever comes first, and lose nothing.
//!
//! The code the chapter shows, and tests that prove what it says.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Instant, interval_at, sleep_until};
use workbook::millis;
use workbook::sim::{mailbox, web};
use workbook::trace::{self, note};

use crate::{Picture, Scene};

/// How often a session pings the client: every second.
pub const KEEP_ALIVE: Duration = Duration::from_secs(1);

/// How often the chapter's scoreboard redraws its clock: every second.
pub const REFRESH: Duration = Duration::from_secs(1);

/// The chapter's own scene, so that the exercise's session is left for you: a live
/// scoreboard that shows each score update as it comes, redraws its clock every
/// [`REFRESH`], and stops at the final whistle (or when the feed hangs up).
pub mod board {
    use workbook::trace::note;

    /// Puts a score update on the board: a note `board • shows "<update>"`.
    pub fn show(update: &str) {
        note("board", &format!("shows {update:?}"));
    }

    /// Redraws the board's clock: a note `board • refreshes the clock`.
    pub fn refresh() {
        note("board", "refreshes the clock");
    }
}

/// One thing the other side of a session does.
#[derive(Clone, Copy, Debug)]
pub enum Step {
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

/// What the other side does, and when.
pub type Script = &'static [(Duration, Step)];

/// Three messages, then the shutdown at 3.5 s.
pub const THREE_MESSAGES: Script = &[
    (millis(300), Step::Send("hello")),
    (millis(1400), Step::Send("are you there?")),
    (millis(2200), Step::Send("see you at 5")),
    (millis(3500), Step::Shutdown),
];

/// A message every 0.4 s, more often than the keep-alive beat, then the shutdown.
pub const BUSY_INBOX: Script = &[
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

/// Two messages, then the client hangs up; no shutdown ever comes.
pub const HANG_UP: Script =
    &[(millis(500), Step::Send("brb")), (millis(1200), Step::Send("gotta go")), (millis(1700), Step::HangUp)];

/// Three messages and the shutdown, all at 2.5 s.
pub const ALL_AT_ONCE: Script = &[
    (millis(500), Step::Send("train delayed")),
    (millis(2500), Step::Send("boarding now")),
    (millis(2500), Step::Send("platform 4")),
    (millis(2500), Step::Send("see you soon")),
    (millis(2500), Step::Shutdown),
];

/// Lines written in pieces, with a keep-alive tick due between the pieces.
pub const LINES_IN_PIECES: Script = &[
    (millis(600), Step::Write("temp 2")),
    (millis(1300), Step::Write("1.9\ntemp")),
    (millis(2600), Step::Write(" 22.0\n")),
    (millis(3400), Step::Close),
];

/// Whole lines; the second write brings two at once.
pub const TWO_LINES_AT_ONCE: Script = &[
    (millis(400), Step::Write("temp 21.5\n")),
    (millis(1700), Step::Write("temp 21.6\ntemp 21.8\n")),
    (millis(2300), Step::Close),
];

/// How long the scenes and tests wait for a session that doesn't end by itself.
pub const PATIENCE: Duration = Duration::from_secs(5);

/// Plays `script` against an inbox session: the client sends and hangs up, the server
/// signals shutdown. Returns whether the session returned within [`PATIENCE`].
pub async fn talk<F, Fut>(script: Script, session: F) -> bool
where
    F: FnOnce(mpsc::Receiver<String>, oneshot::Receiver<()>) -> Fut,
    Fut: Future<Output = ()>,
{
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
    let returned = tokio::time::timeout(PATIENCE, session(inbox, shutdown)).await.is_ok();
    note("session", if returned { "returns" } else { "still running" });
    other_side.abort();
    returned
}

/// Plays `script` against a connection session: the client writes bytes, then closes.
pub async fn connect<F, Fut>(script: Script, session: F) -> bool
where
    F: FnOnce(DuplexStream) -> Fut,
    Fut: Future<Output = io::Result<()>>,
{
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
    let returned = matches!(tokio::time::timeout(PATIENCE, session(server_end)).await, Ok(Ok(())));
    note("session", if returned { "returns" } else { "still running" });
    client.abort();
    returned
}

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch15::sleep_in_select", || Picture::of(talk(BUSY_INBOX, session_with_a_sleep))),
    ("ch15::pattern_waits_forever", || Picture::of(talk(HANG_UP, session_with_a_pattern))),
    ("ch15::shutdown_first", || Picture::of(talk(ALL_AT_ONCE, session_shutdown_first))),
    ("ch15::read_line", || Picture::of(connect(LINES_IN_PIECES, serve_with_read_line))),
    ("ch15::detached", || Picture::of(first_of_a_task_and_a_timer())),
];

/// The scoreboard: an update, the next refresh or the final whistle, whichever comes
/// first. Several can be ready at once, and then `select!` picks one at random.
pub async fn scoreboard(mut updates: mpsc::Receiver<String>, mut whistle: oneshot::Receiver<()>) {
    // ANCHOR: select_loop
    // ANCHOR: interval
    let mut clock = interval_at(Instant::now() + REFRESH, REFRESH);
    // ANCHOR_END: interval
    loop {
        tokio::select! {
            update = updates.recv() => match update {
                Some(update) => board::show(&update),
                None => break,                    // every sender is gone
            },
            _ = clock.tick() => board::refresh(),
            _ = &mut whistle => break,              // a oneshot::Receiver<()>
        }
    }
    // ANCHOR_END: select_loop
}

/// The keep-alive as a sleep made inside the `select!`: it starts over each round.
pub async fn session_with_a_sleep(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    // ANCHOR: sleep_in_select
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                None => break,
            },
            _ = tokio::time::sleep(KEEP_ALIVE) => mailbox::keep_alive(),   // wrong
            _ = &mut shutdown => break,
        }
    }
    // ANCHOR_END: sleep_in_select
}

/// The scoreboard's clock as a sleep until a deadline that outlives each round.
pub async fn scoreboard_with_a_deadline(mut updates: mpsc::Receiver<String>, mut whistle: oneshot::Receiver<()>) {
    // ANCHOR: deadline
    let mut next_refresh = Instant::now() + REFRESH;
    loop {
        tokio::select! {
            update = updates.recv() => match update {
                Some(update) => board::show(&update),
                None => break,
            },
            () = sleep_until(next_refresh) => {
                board::refresh();
                next_refresh += REFRESH;                  // the next deadline, on the beat
            }
            _ = &mut whistle => break,
        }
    }
    // ANCHOR_END: deadline
}

/// The end of the inbox matched away by a pattern: the branch is disabled, and the
/// session pings on, for nobody.
pub async fn session_with_a_pattern(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    loop {
        tokio::select! {
            // ANCHOR: pattern
            Some(message) = inbox.recv() => mailbox::deliver(&message),   // a `None` disables this branch
            // ANCHOR_END: pattern
            _ = keep_alive.tick() => mailbox::keep_alive(),
            _ = &mut shutdown => break,
        }
    }
}

/// `biased;`, with the shutdown first: it always wins, and what waits in the inbox
/// is left behind.
pub async fn session_shutdown_first(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    loop {
        tokio::select! {
            biased;
            _ = &mut shutdown => break,              // tried first: always wins
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                None => break,
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
}

/// The scoreboard with `biased;`, updates first: what was sent before the whistle goes out first.
pub async fn scoreboard_updates_first(mut updates: mpsc::Receiver<String>, mut whistle: oneshot::Receiver<()>) {
    let mut clock = interval_at(Instant::now() + REFRESH, REFRESH);
    loop {
        // ANCHOR: biased
        // Try the branches in the order written: the updates first.
        tokio::select! {
            biased;
            update = updates.recv() => match update {
                Some(update) => board::show(&update),
                None => break,
            },
            _ = clock.tick() => board::refresh(),
            _ = &mut whistle => break,
        }
        // ANCHOR_END: biased
    }
}

/// The scoreboard in any order, then a drain: close the feed, and show what was already in it.
pub async fn scoreboard_then_drain(updates: mpsc::Receiver<String>, whistle: oneshot::Receiver<()>) {
    let mut updates = updates;
    let mut whistle = whistle;
    let mut clock = interval_at(Instant::now() + REFRESH, REFRESH);
    loop {
        tokio::select! {
            update = updates.recv() => match update {
                Some(update) => board::show(&update),
                None => break,
            },
            _ = clock.tick() => board::refresh(),
            _ = &mut whistle => break,
        }
    }
    // ANCHOR: drain
    // After the loop, drain what was already sent.
    updates.close(); // no more sends...
    while let Some(update) = updates.recv().await {
        board::show(&update); // ...but what is in there comes out
    }
    // ANCHOR_END: drain
}

/// Lines read with `read_line` in a `select!`: a tick in the middle of a line drops
/// the half that was read.
pub async fn serve_with_read_line(connection: DuplexStream) -> io::Result<()> {
    let mut keep_alive = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    // ANCHOR: read_line
    let mut reader = BufReader::new(connection);
    loop {
        let mut line = String::new();
        tokio::select! {
            read = reader.read_line(&mut line) => {      // not cancel safe: loses data
                if read? == 0 {
                    return Ok(());                       // end of stream
                }
                mailbox::deliver(line.trim_end_matches('\n'));
            }
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
    // ANCHOR_END: read_line
}

/// Score lines read from a connection with `read_until`, into a buffer that outlives
/// each round: what a cancelled call had read is already in the buffer.
pub async fn board_from_a_connection(connection: DuplexStream) -> io::Result<()> {
    let mut clock = interval_at(Instant::now() + REFRESH, REFRESH);
    // ANCHOR: read_until
    let mut reader = BufReader::new(connection);
    let mut buf = Vec::new(); // outside the loop: a cancelled read leaves its bytes here
    loop {
        tokio::select! {
            read = reader.read_until(b'\n', &mut buf) => {
                if read? == 0 {
                    return Ok(());                       // end of stream
                }
                let line = String::from_utf8(std::mem::take(&mut buf))
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                board::show(line.trim_end_matches('\n'));
            }
            _ = clock.tick() => board::refresh(),
        }
    }
    // ANCHOR_END: read_until
}

/// A `BufReader` made inside the loop: its buffer, and the lines in it, are dropped
/// each round.
pub async fn serve_with_a_new_reader_each_round(mut connection: DuplexStream) -> io::Result<()> {
    let mut keep_alive = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    loop {
        let mut lines = BufReader::new(&mut connection).lines(); // wrong: made each round
        tokio::select! {
            line = lines.next_line() => match line? {
                Some(line) => mailbox::deliver(&line),
                None => return Ok(()),
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
}

/// A `select!` between a spawned task's handle and a timer: the timer wins, the
/// handle is dropped, and the task runs on, detached.
pub async fn first_of_a_task_and_a_timer() {
    // ANCHOR: detached
    tokio::select! {
        page = tokio::spawn(web::fetch_page("/report")) => trace::note("caller", &format!("got {page:?}")),
        _ = tokio::time::sleep(Duration::from_millis(500)) => trace::note("caller", "gives up at 0.5 s"),
    }
    // The losing branch dropped the JoinHandle, not the task: /report is still fetched.
    // ANCHOR_END: detached
    tokio::time::sleep(millis(1000)).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use workbook::{Run, run, secs};

    /// What `actor` noted after `prefix` (a delivery, a score shown), and when.
    fn noted(run: &Run<bool>, actor: &str, prefix: &str) -> Vec<(Duration, String)> {
        run.trace
            .of(actor)
            .filter_map(|e| e.what.strip_prefix(prefix).map(|m| (e.at, m.trim_matches('"').to_string())))
            .collect()
    }

    /// What the session delivered, and when (time since the run started).
    fn deliveries(run: &Run<bool>) -> Vec<(Duration, String)> {
        noted(run, "session", "delivers ")
    }

    fn pings(run: &Run<bool>) -> Vec<Duration> {
        run.trace.of("keep-alive").map(|e| e.at).collect()
    }

    /// What the scoreboard showed, and when.
    fn shown(run: &Run<bool>) -> Vec<(Duration, String)> {
        noted(run, "board", "shows ")
    }

    fn refreshes(run: &Run<bool>) -> Vec<Duration> {
        run.trace.of("board").filter(|e| e.what == "refreshes the clock").map(|e| e.at).collect()
    }

    #[test]
    fn a_select_loop_delivers_at_once_and_pings_on_the_beat() {
        let run = run(talk(THREE_MESSAGES, scoreboard));
        assert!(run.value);
        assert_eq!(
            shown(&run),
            [
                (millis(300), "hello".into()),
                (millis(1400), "are you there?".into()),
                (millis(2200), "see you at 5".into())
            ]
        );
        assert_eq!(refreshes(&run), [secs(1), secs(2), secs(3)]);
        assert_eq!(run.virtual_elapsed, millis(3500));
    }

    #[test]
    fn an_interval_keeps_the_beat_through_a_busy_inbox() {
        let run = run(talk(BUSY_INBOX, scoreboard));
        assert_eq!(refreshes(&run), [secs(1), secs(2), secs(3)]);
        assert_eq!(shown(&run).len(), 8);
    }

    #[test]
    fn a_sleep_in_the_select_never_pings_when_messages_come_every_0_4_s() {
        let run = run(talk(BUSY_INBOX, session_with_a_sleep));
        assert!(run.value);
        assert_eq!(pings(&run), []);
        assert_eq!(deliveries(&run).len(), 8);
    }

    #[test]
    fn a_sleep_until_a_deadline_keeps_the_beat_too() {
        let run = run(talk(BUSY_INBOX, scoreboard_with_a_deadline));
        assert_eq!(refreshes(&run), [secs(1), secs(2), secs(3)]);
    }

    #[test]
    fn interval_ticks_at_once_and_a_new_one_each_round_spins() {
        let run = run(async {
            let start = Instant::now();
            let mut first = tokio::time::interval(KEEP_ALIVE);
            first.tick().await;
            let first_tick = start.elapsed();
            // An interval made inside a loop: each new one ticks at once.
            for _ in 0..1000 {
                let mut keep_alive = tokio::time::interval(KEEP_ALIVE);
                keep_alive.tick().await;
                mailbox::keep_alive();
            }
            (first_tick, mailbox::keep_alives().len(), start.elapsed())
        });
        assert_eq!(run.value, (Duration::ZERO, 1000, Duration::ZERO));
    }

    #[test]
    fn the_hang_up_ends_the_session() {
        let run = run(talk(HANG_UP, scoreboard));
        assert!(run.value);
        assert_eq!(run.virtual_elapsed, millis(1700));
    }

    #[test]
    fn a_pattern_on_recv_pings_on_for_nobody() {
        let run = run(talk(HANG_UP, session_with_a_pattern));
        assert!(!run.value, "the session returned");
        assert_eq!(pings(&run), [secs(1), secs(2), secs(3), secs(4), secs(5)]);
    }

    #[test]
    fn ignoring_none_makes_the_loop_spin() {
        let run = run(async {
            let (sender, mut inbox) = mpsc::channel::<String>(1);
            drop(sender); // the client hangs up
            let mut keep_alive = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
            let mut rounds = 0;
            while rounds < 10_000 {
                rounds += 1;
                tokio::select! {
                    message = inbox.recv() => if let Some(message) = message { mailbox::deliver(&message) },
                    _ = keep_alive.tick() => mailbox::keep_alive(),
                }
            }
            (rounds, mailbox::keep_alives().len())
        });
        // Ten thousand rounds and no ping: the clock never got to move.
        assert_eq!(run.value, (10_000, 0));
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
    }

    #[test]
    fn without_biased_some_runs_lose_messages_at_shutdown() {
        let delivered: Vec<usize> = (0..12).map(|_| shown(&run(talk(ALL_AT_ONCE, scoreboard))).len()).collect();
        assert!(delivered.iter().any(|&n| n < 4), "12 runs delivered everything: {delivered:?}");
    }

    #[test]
    fn biased_with_the_shutdown_first_leaves_the_messages_behind() {
        let run = run(talk(ALL_AT_ONCE, session_shutdown_first));
        assert_eq!(deliveries(&run), [(millis(500), "train delayed".into())]);
    }

    #[test]
    fn biased_with_the_inbox_first_or_a_drain_lose_nothing() {
        for _ in 0..12 {
            assert_eq!(shown(&run(talk(ALL_AT_ONCE, scoreboard_updates_first))).len(), 4);
            let drained = run(talk(ALL_AT_ONCE, scoreboard_then_drain));
            assert_eq!(shown(&drained).len(), 4);
            assert_eq!(drained.virtual_elapsed, millis(2500));
        }
    }

    #[test]
    fn read_line_loses_the_half_line_a_tick_interrupts() {
        let run = run(connect(LINES_IN_PIECES, serve_with_read_line));
        assert!(run.value);
        assert_eq!(deliveries(&run), [(millis(1300), "1.9".into()), (millis(2600), " 22.0".into())]);
    }

    #[test]
    fn read_until_into_a_kept_buffer_loses_nothing() {
        let run = run(connect(LINES_IN_PIECES, board_from_a_connection));
        assert!(run.value);
        assert_eq!(shown(&run), [(millis(1300), "temp 21.9".into()), (millis(2600), "temp 22.0".into())]);
        assert_eq!(refreshes(&run), [secs(1), secs(2), secs(3)]);
    }

    #[test]
    fn a_reader_made_each_round_drops_the_second_line_of_a_write() {
        let run = run(connect(TWO_LINES_AT_ONCE, serve_with_a_new_reader_each_round));
        let lines: Vec<String> = deliveries(&run).into_iter().map(|(_, line)| line).collect();
        assert_eq!(lines, ["temp 21.5", "temp 21.6"]);
    }

    #[test]
    fn a_join_handle_that_loses_a_select_detaches_its_task() {
        let run = run(first_of_a_task_and_a_timer());
        assert_eq!(run.trace.find("caller", "gives up").unwrap().at, millis(500));
        assert_eq!(run.trace.find("GET /report", "200 OK").unwrap().at, secs(1));
    }
}
