//! Chapter 19 · broadcast server: a chat room over TCP.
//!
//! The code the chapter shows, and tests that prove what it says.
//!
//! The chapter's own examples are a match's live score, sent to every fan: in memory
//! first (on the paused clock, so the slow fan's lag is exact), then over TCP, a score
//! ticker. The exercise's reference solution is drawn too: the `solution_*` scenes run
//! its `serve` on 127.0.0.1 and connect real clients to it.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::broadcast::{self, error::RecvError};
use workbook::trace::{Span, Trace, note};
use workbook::{millis, secs};

use crate::{Picture, Scene};

/// The exercise's reference solution, compiled here so the book can draw it.
#[path = "../../../solutions/19-broadcast-server/broadcast_server.rs"]
mod solution;

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch19::match_day", || Picture::of(match_day())),
    // The same match, as the scoreboard and bob saw it.
    ("ch19::match_day_bob", || only(Picture::of(match_day()), &["scoreboard", "bob"])),
    ("ch19::solution_chat", || Picture::of(solution_chat())),
    ("ch19::solution_slow_client", || {
        Picture::of(async {
            solution_slow_client().await;
        })
    }),
];

/// The picture with only the rows of `actors`.
fn only(picture: Picture, actors: &[&str]) -> Picture {
    let events: Vec<_> =
        picture.trace.events().iter().filter(|e| actors.contains(&e.actor.as_str())).cloned().collect();
    Picture { trace: Trace::from(events), took: picture.took }
}

// ---------------------------------------------------------------------------------
// Holding the paused clock while real sockets talk.

/// How long, in real time, [`hold_clock`] holds at most: a safety net, so that a run
/// that waits for a packet that never comes fails instead of hanging.
const HOLD_AT_MOST: Duration = Duration::from_secs(30);

/// Keeps tokio's paused clock from jumping ahead while it lives (see [`hold_clock`]).
#[derive(Debug)]
pub struct HeldClock {
    _release: std::sync::mpsc::Sender<()>,
}

/// Holds the paused clock of a [`workbook::run`] still while real sockets talk.
///
/// A paused clock jumps to the next timer as soon as the runtime has nothing to do, and
/// a runtime that waits for a packet has nothing to do: a scene with real sockets could
/// see its time jump in the middle of a round trip. While a blocking task is in flight,
/// tokio (test-util) does not move a paused clock by itself, so this parks one on the
/// blocking pool until the guard is dropped. Time then moves only when the scene says
/// so, with `tokio::time::advance`, between steps that have finished.
pub fn hold_clock() -> HeldClock {
    let (release, released) = std::sync::mpsc::channel::<()>();
    drop(tokio::task::spawn_blocking(move || {
        let _ = released.recv_timeout(HOLD_AT_MOST);
    }));
    HeldClock { _release: release }
}

// ---------------------------------------------------------------------------------
// In memory: a match's live score, sent to every fan.

/// A fan reads one line: a span `<name>` that takes `reading`.
async fn read(name: &str, line: &str, reading: Duration) {
    let span = Span::begin(name, &format!("reads {line}"));
    tokio::time::sleep(reading).await;
    span.end("read");
}

// ANCHOR: fan
/// Reads every update of the match, at its own pace, until the match is over.
async fn fan(name: &str, mut updates: broadcast::Receiver<String>, reading: Duration) {
    loop {
        let line = match updates.recv().await {
            Ok(update) => update,
            // Too slow: the oldest updates were overwritten. Say so, and carry on.
            Err(RecvError::Lagged(missed)) => format!("(missed {missed})"),
            // Every Sender is gone: the match is over.
            Err(RecvError::Closed) => break,
        };
        read(name, &line, reading).await;
    }
}
// ANCHOR_END: fan

/// The score of a match, sent to two fans: ann reads each update in 0.1 s, bob in 1 s.
/// An update every 0.3 s, and the channel keeps 2: bob falls behind.
/// Gives back the number of receivers each `send` reached.
pub async fn match_day() -> Vec<usize> {
    let goals = ["1-0 (3')", "1-1 (11')", "2-1 (20')", "2-2 (38')", "3-2 (52')", "3-3 (90')"];
    let mut reached = Vec::new();
    // ANCHOR: match_day
    let (updates, _) = broadcast::channel(2); // keeps the last 2 updates
    let ann = tokio::spawn(fan("ann", updates.subscribe(), millis(100)));
    let bob = tokio::spawn(fan("bob", updates.subscribe(), secs(1))); // a slow reader
    for score in goals {
        note("scoreboard", &format!("sends {score}"));
        let sent = updates.send(score.to_string()); // never waits for anyone
        reached.push(sent.unwrap_or(0)); // Ok(how many receivers), or Err if none
        tokio::time::sleep(millis(300)).await;
    }
    drop(updates); // the match is over: each fan gets Closed once it has read the rest
    let _ = tokio::join!(ann, bob);
    // ANCHOR_END: match_day
    reached
}

// ---------------------------------------------------------------------------------
// Over TCP: a score ticker. Each client gets every update; it says nothing we need,
// but its hanging up ends its connection.

// ANCHOR: ticker
/// Gives every client that connects its own `Receiver` of the updates, and a task.
pub async fn serve_ticker(listener: TcpListener, updates: broadcast::Sender<String>) {
    loop {
        let Ok((stream, _address)) = listener.accept().await else { continue };
        tokio::spawn(viewer(stream, updates.subscribe()));
    }
}

/// One client: the updates go out to it until it hangs up.
async fn viewer(stream: TcpStream, updates: broadcast::Receiver<String>) -> io::Result<()> {
    let (reader, writer) = stream.into_split(); // two halves, two owners

    // This client's own writer, a task: the updates, to this socket only.
    let forwarder = tokio::spawn(forward(updates, writer));

    // Meanwhile, this task reads the client, to notice when it is gone.
    let mut lines = BufReader::new(reader).lines();
    let outcome: io::Result<()> = async {
        while let Some(_ignored) = lines.next_line().await? {} // Ok(None): it hung up
        Ok(())
    }
    .await;
    forwarder.abort(); // or it lives on, holding a Receiver, until a write fails
    outcome
}

/// Writes every update to one client, until the updates end or the client is gone.
async fn forward(mut updates: broadcast::Receiver<String>, mut writer: OwnedWriteHalf) -> io::Result<()> {
    loop {
        let line = match updates.recv().await {
            Ok(update) => update,
            Err(RecvError::Lagged(missed)) => format!("(missed {missed})"),
            Err(RecvError::Closed) => return Ok(()),
        };
        writer.write_all(format!("{line}\n").as_bytes()).await?; // one write, newline included
    }
}
// ANCHOR_END: ticker

/// The same client in one task: `select!` races reading the client against the next
/// update.
pub async fn viewer_in_one_task(mut stream: TcpStream, mut updates: broadcast::Receiver<String>) -> io::Result<()> {
    let (reader, mut writer) = stream.split(); // borrowed halves: this task has both
    let mut lines = BufReader::new(reader).lines();
    // ANCHOR: select
    loop {
        tokio::select! {
            line = lines.next_line() => match line? {
                Some(_ignored) => {}
                None => break, // hung up
            },
            update = updates.recv() => {
                let line = match update {
                    Ok(update) => update,
                    Err(RecvError::Lagged(missed)) => format!("(missed {missed})"),
                    Err(RecvError::Closed) => break,
                };
                writer.write_all(format!("{line}\n").as_bytes()).await?;
            }
        }
    }
    // ANCHOR_END: select
    Ok(())
}

// ANCHOR: guard
/// Counts a viewer in while it lives: its `Drop` counts it out, however the task ends.
struct Seat {
    viewers: Arc<AtomicUsize>,
}

impl Seat {
    fn take(viewers: &Arc<AtomicUsize>) -> Seat {
        viewers.fetch_add(1, Ordering::SeqCst);
        Seat { viewers: Arc::clone(viewers) }
    }
}

impl Drop for Seat {
    fn drop(&mut self) {
        self.viewers.fetch_sub(1, Ordering::SeqCst); // plain, synchronous: fine in a drop
    }
}
// ANCHOR_END: guard

/// The one-task viewer with a seat: `viewers` counts it while it is connected.
pub async fn counted_viewer(
    stream: TcpStream,
    updates: broadcast::Receiver<String>,
    viewers: Arc<AtomicUsize>,
) -> io::Result<()> {
    // ANCHOR: take_seat
    let _seat = Seat::take(&viewers); // counted out when `_seat` is dropped: on return, `?`, panic or abort
    viewer_in_one_task(stream, updates).await
    // ANCHOR_END: take_seat
}

// ---------------------------------------------------------------------------------
// The reference solution, with real clients on 127.0.0.1.

/// A client of the scenes: a real TCP connection to the solution's server. What it
/// hears is noted in the trace as `<name>  • hears <line>`.
struct Client {
    name: &'static str,
    lines: Lines<BufReader<OwnedReadHalf>>,
    writer: OwnedWriteHalf,
}

impl Client {
    /// Connects, with a small receive buffer if asked, and sends its name.
    async fn join(address: SocketAddr, name: &'static str, receive_buffer: Option<u32>) -> Client {
        let socket = TcpSocket::new_v4().expect("a socket");
        if let Some(size) = receive_buffer {
            socket.set_recv_buffer_size(size).expect("a small receive buffer");
        }
        let stream = socket.connect(address).await.expect("the server takes clients");
        let (reader, writer) = stream.into_split();
        let mut client = Client { name, lines: BufReader::new(reader).lines(), writer };
        client.send(name).await;
        client
    }

    async fn send(&mut self, text: &str) {
        self.writer.write_all(format!("{text}\n").as_bytes()).await.expect("the server reads");
    }

    async fn say(&mut self, text: &str) {
        note(self.name, &format!("says {text}"));
        self.send(text).await;
    }

    /// The next line; noted unless `quiet`.
    async fn hear(&mut self, quiet: bool) -> String {
        let line = self.lines.next_line().await.expect("a connection").expect("a line");
        if !quiet {
            note(self.name, &format!("hears {}", short(&line)));
        }
        line
    }

    /// Breaks the connection, as when the client's program crashes: a reset, no goodbye.
    fn crash(self) {
        let stream = self.lines.into_inner().into_inner().reunite(self.writer).expect("one stream");
        stream.set_zero_linger().expect("SO_LINGER 0");
    }
}

/// A line as the trace shows it: the long lines of the flood cut short.
fn short(line: &str) -> String {
    if line.len() > 40 { format!("{}…", &line[..10]) } else { line.to_string() }
}

/// Every client in `clients` hears `want` next.
async fn all_hear(clients: &mut [&mut Client], want: &str) {
    for client in clients.iter_mut() {
        let heard = client.hear(false).await;
        assert_eq!(heard, want, "{} heard the wrong line", client.name);
    }
}

/// Starts the solution's `serve` on 127.0.0.1 with a room of `capacity`; `send_buffer`
/// makes the server's sockets' send buffers small.
async fn start_solution(capacity: usize, send_buffer: Option<u32>) -> (SocketAddr, Arc<solution::ChatRoom>) {
    let socket = TcpSocket::new_v4().expect("a socket");
    if let Some(size) = send_buffer {
        socket.set_send_buffer_size(size).expect("a small send buffer");
    }
    socket.bind(SocketAddr::from(([127, 0, 0, 1], 0))).expect("a port");
    let listener = socket.listen(64).expect("a listener");
    let address = listener.local_addr().expect("its address");
    let room = solution::ChatRoom::new(capacity);
    tokio::spawn(solution::serve(listener, Arc::clone(&room)));
    (address, room)
}

fn online(room: &solution::ChatRoom) {
    note("room", &format!("online() = {}", room.online()));
}

/// The reference solution's chat: three clients join a second apart, two speak, bob
/// hangs up, carol's connection breaks.
pub async fn solution_chat() {
    let _clock = hold_clock();
    let (address, room) = start_solution(16, None).await;
    let mut alice = Client::join(address, "alice", None).await;
    all_hear(&mut [&mut alice], "* alice joined").await;
    online(&room);

    tokio::time::advance(secs(1)).await;
    let mut bob = Client::join(address, "bob", None).await;
    all_hear(&mut [&mut alice, &mut bob], "* bob joined").await;

    tokio::time::advance(secs(1)).await;
    let mut carol = Client::join(address, "carol", None).await;
    all_hear(&mut [&mut alice, &mut bob, &mut carol], "* carol joined").await;
    online(&room);

    tokio::time::advance(secs(1)).await;
    alice.say("hi all").await;
    all_hear(&mut [&mut alice, &mut bob, &mut carol], "alice: hi all").await;

    tokio::time::advance(secs(1)).await;
    drop(bob); // hangs up
    all_hear(&mut [&mut alice, &mut carol], "* bob left").await;
    online(&room);

    tokio::time::advance(secs(1)).await;
    carol.crash();
    all_hear(&mut [&mut alice], "* carol left").await;
    online(&room);
}

/// How many messages alice sends while dave reads nothing, and how long each is: the
/// exercise's check `slow_client_misses_messages_but_stays`.
const FLOOD: usize = 48;
const FLOOD_BYTES: usize = 16 * 1024;

/// What dave heard once he read again.
#[derive(Debug)]
pub struct DaveReads {
    /// Flood messages he got, by number.
    pub got: Vec<usize>,
    /// The `n` of each `(missed n messages)` line.
    pub missed: Vec<usize>,
}

/// The reference solution's slow client: in a room that keeps 8 messages, dave stops
/// reading while alice sends 48 messages of 16 KB, one every 50 ms. alice and carol hear
/// each at once; dave, reading again at 4.5 s, hears what the room still kept.
pub async fn solution_slow_client() -> DaveReads {
    let _clock = hold_clock();
    let small = 8 * 1024;
    let (address, room) = start_solution(8, Some(small)).await;
    let mut alice = Client::join(address, "alice", None).await;
    all_hear(&mut [&mut alice], "* alice joined").await;
    tokio::time::advance(millis(500)).await;
    let mut carol = Client::join(address, "carol", None).await;
    all_hear(&mut [&mut alice, &mut carol], "* carol joined").await;
    tokio::time::advance(millis(500)).await;
    let mut dave = Client::join(address, "dave", Some(small)).await;
    all_hear(&mut [&mut alice, &mut carol, &mut dave], "* dave joined").await;
    let not_reading = Span::begin("dave", "stops reading");

    tokio::time::advance(millis(500)).await;
    let flood = Span::begin("alice", &format!("sends {FLOOD} messages of {} KB, one every 50 ms", FLOOD_BYTES / 1024));
    for i in 0..FLOOD {
        let text = format!("{i:02} {}", "~".repeat(FLOOD_BYTES - 3));
        alice.send(&text).await;
        let want = format!("alice: {text}");
        assert_eq!(alice.hear(true).await, want, "alice hears her own message {i:02}");
        let heard = carol.hear(true).await;
        assert_eq!(heard, want, "carol hears message {i:02}");
        note("carol", &format!("hears {i:02}"));
        if i + 1 < FLOOD {
            tokio::time::advance(millis(50)).await;
        }
    }
    flood.end("has sent them all; she and carol heard each at once");

    tokio::time::advance(millis(650)).await;
    not_reading.end("reads again");
    online(&room);
    let mut reads = DaveReads { got: Vec::new(), missed: Vec::new() };
    loop {
        let line = dave.hear(false).await;
        if let Some(n) = line.strip_prefix("(missed ").and_then(|rest| rest.strip_suffix(" messages)")) {
            reads.missed.push(n.parse().expect("a count"));
        } else {
            let number: usize = line["alice: ".len()..][..2].parse().expect("a message number");
            reads.got.push(number);
            if number == FLOOD - 1 {
                break;
            }
        }
    }

    tokio::time::advance(millis(500)).await;
    carol.say("dave, still with us?").await;
    all_hear(&mut [&mut alice, &mut carol, &mut dave], "carol: dave, still with us?").await;
    reads
}

#[cfg(test)]
mod tests {
    use super::*;
    use workbook::run;

    /// The spans of `actor` that began with `reads <line>`, with their start times.
    fn reads(trace: &workbook::trace::Trace, actor: &str) -> Vec<(Duration, String)> {
        trace
            .of(actor)
            .filter(|e| e.kind == workbook::trace::Kind::Begin)
            .map(|e| (e.at, e.what.trim_start_matches("reads ").to_string()))
            .collect()
    }

    #[test]
    fn every_fan_hears_every_update_at_its_own_pace() {
        let run = run(match_day());
        // send never waited: the scoreboard sent one update every 0.3 s, on time.
        assert_eq!(run.trace.find("scoreboard", "90'").unwrap().at, millis(1500));
        // Each send reached both fans.
        assert!(run.value.iter().all(|&n| n == 2), "{:?}", run.value);
        // ann keeps up: every update, read as soon as it is sent.
        let ann = reads(&run.trace, "ann");
        assert_eq!(ann.len(), 6);
        assert!(ann.iter().enumerate().all(|(i, (at, _))| *at == millis(300 * i as u64)), "{ann:?}");
        // bob reads one a second and falls behind: the channel keeps 2, so he misses some.
        let bob: Vec<String> = reads(&run.trace, "bob").into_iter().map(|(_, line)| line).collect();
        assert_eq!(bob, ["1-0 (3')", "(missed 1)", "(missed 2)", "3-2 (52')", "3-3 (90')"]);
        let when: Vec<Duration> = reads(&run.trace, "bob").into_iter().map(|(at, _)| at).collect();
        assert_eq!(when, [secs(0), secs(1), secs(2), secs(3), secs(4)]);
        // Once the Sender is dropped (at 1.8 s), each fan reads what is left, then gets Closed.
        assert_eq!(run.virtual_elapsed, secs(5));
    }

    #[test]
    fn send_with_nobody_subscribed_is_an_error_and_subscribe_sees_only_later_messages() {
        let run = run(async {
            let (updates, first) = broadcast::channel::<&str>(4);
            drop(first);
            let nobody = updates.send("kick-off").is_err();
            let mut late = updates.subscribe();
            updates.send("1-0").unwrap();
            (nobody, late.recv().await.unwrap())
        });
        assert_eq!(run.value, (true, "1-0"));
    }

    #[test]
    fn the_capacity_is_rounded_up_to_a_power_of_two() {
        let run = run(async {
            let (updates, mut fan) = broadcast::channel(10); // keeps 16, not 10
            for i in 0..17 {
                updates.send(i).unwrap();
            }
            fan.recv().await
        });
        assert!(matches!(run.value, Err(RecvError::Lagged(1))), "{:?}", run.value);
    }

    /// Starts a ticker on 127.0.0.1 and connects two clients to it.
    async fn ticker_with_two_viewers(
        one_task: bool,
    ) -> (broadcast::Sender<String>, Arc<AtomicUsize>, [Lines<BufReader<OwnedReadHalf>>; 2], Vec<OwnedWriteHalf>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (updates, _) = broadcast::channel(16);
        let viewers = Arc::new(AtomicUsize::new(0));
        if one_task {
            let (sender, count) = (updates.clone(), Arc::clone(&viewers));
            tokio::spawn(async move {
                loop {
                    let (stream, _) = listener.accept().await.unwrap();
                    tokio::spawn(counted_viewer(stream, sender.subscribe(), Arc::clone(&count)));
                }
            });
        } else {
            tokio::spawn(serve_ticker(listener, updates.clone()));
        }
        let mut readers = Vec::new();
        let mut writers = Vec::new();
        for _ in 0..2 {
            let (reader, writer) = TcpStream::connect(address).await.unwrap().into_split();
            readers.push(BufReader::new(reader).lines());
            writers.push(writer);
        }
        until(|| updates.receiver_count() == 2).await;
        let readers: [Lines<BufReader<OwnedReadHalf>>; 2] = readers.try_into().ok().unwrap();
        (updates, viewers, readers, writers)
    }

    /// Lets the runtime run until `done` (the clock is held: no time passes).
    async fn until(done: impl Fn() -> bool) {
        while !done() {
            tokio::task::yield_now().await;
        }
    }

    #[test]
    fn the_ticker_sends_every_update_to_every_client_and_lets_go_of_one_that_hangs_up() {
        for one_task in [false, true] {
            let run = run(async move {
                let _clock = hold_clock();
                let (updates, viewers, [mut ann, mut bob], mut writers) = ticker_with_two_viewers(one_task).await;
                if one_task {
                    until(|| viewers.load(Ordering::SeqCst) == 2).await;
                }
                updates.send("1-0".to_string()).unwrap();
                assert_eq!(ann.next_line().await.unwrap().as_deref(), Some("1-0"));
                assert_eq!(bob.next_line().await.unwrap().as_deref(), Some("1-0"));

                // ann hangs up: her viewer ends, and its Receiver is dropped with it.
                drop(writers.remove(0));
                drop(ann);
                until(|| updates.receiver_count() == 1).await;
                if one_task {
                    until(|| viewers.load(Ordering::SeqCst) == 1).await;
                }
                updates.send("1-1".to_string()).unwrap();
                assert_eq!(bob.next_line().await.unwrap().as_deref(), Some("1-1"));
            });
            assert_eq!(run.virtual_elapsed, Duration::ZERO);
        }
    }

    #[test]
    fn the_solution_chat_goes_as_the_chapter_tells() {
        let run = run(solution_chat());
        let at = |actor: &str, what: &str| run.trace.find(actor, what).unwrap_or_else(|| panic!("{actor}: {what}")).at;
        assert_eq!(at("bob", "hears alice: hi all"), secs(3));
        assert_eq!(at("carol", "hears * bob left"), secs(4));
        assert_eq!(at("alice", "hears * carol left"), secs(5));
        let counts: Vec<&str> = run.trace.of("room").map(|e| e.what.as_str()).collect();
        assert_eq!(counts, ["online() = 1", "online() = 3", "online() = 2", "online() = 1"]);
    }

    #[test]
    fn the_solution_keeps_a_slow_client_and_tells_it_what_it_missed() {
        let run = run(solution_slow_client());
        let dave = &run.value;
        assert!(!dave.missed.is_empty(), "dave missed nothing: {dave:?}");
        assert_eq!(dave.got.len() + dave.missed.iter().sum::<usize>(), FLOOD, "{dave:?}");
        assert!(dave.got.windows(2).all(|w| w[0] < w[1]), "in order: {dave:?}");
        // The room keeps the last 8: dave got those, after his gap.
        assert_eq!(dave.got[dave.got.len() - 8..], [40, 41, 42, 43, 44, 45, 46, 47]);
        // alice and carol heard each message at once: the last one 47 × 50 ms after the first.
        assert_eq!(
            run.trace.find("carol", "hears 47").unwrap().at - run.trace.find("carol", "hears 00").unwrap().at,
            millis(2350)
        );
        assert!(run.trace.find("room", "online() = 3").is_some(), "dave is still counted");
        assert!(run.trace.find("dave", "hears carol: dave, still with us?").is_some());
    }
}
