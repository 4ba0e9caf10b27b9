//! The checks of exercise 19. Read them if you like; `grader check` notices edits.
//!
//! Unlike the other exercises' checks, these run on the real clock, with real sockets:
//! each check starts your `serve` on `127.0.0.1` (a port the system picks) on a tokio
//! runtime of its own, and connects real TCP clients to it. Every wait is bounded by
//! [`PATIENCE`], so a server that never answers fails with a lesson instead of hanging.
//! A correct server answers in well under a millisecond; 2 s is only a safety margin.

use std::fmt::Write as _;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::TcpSocket;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::task::JoinHandle;
use tokio::time::{Instant, timeout};

use super::*;
use workbook::fail;
use workbook::source::{Site, Source};

/// How long a client waits for a line (or a connection, or `online()` to change)
/// before the check calls it missing.
const PATIENCE: Duration = Duration::from_secs(2);

/// How long the clients listen after the last message, to catch copies of it.
const QUIET: Duration = Duration::from_millis(200);

/// What dave says, in the slow-client check, after alice's flood and before he reads.
const BACK: &str = "sorry, I was away";

/// How many messages `ChatRoom::new` is told to keep, in the slow-client check.
const KEPT: usize = 8;

/// How many messages alice sends in the slow-client check, and how long each is.
const FLOOD: usize = 48;
const FLOOD_BYTES: usize = 16 * 1024;

/// The socket buffers (in bytes) of the server's sockets and of dave's, in the
/// slow-client check: small, so that a client who doesn't read fills them quickly.
const SMALL_BUFFER: u32 = 8 * 1024;

/// Runs `check` on a fresh current-thread runtime with the real clock: real sockets
/// need real time. Dropping the runtime at the end cancels the server and its tasks.
fn on_real_clock<T>(check: impl Future<Output = T>) -> T {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    runtime.block_on(check)
}

/// Your server, started by a check.
struct Server {
    address: SocketAddr,
    room: Arc<ChatRoom>,
    task: JoinHandle<()>,
}

impl Server {
    /// Starts `serve` on a new listener on 127.0.0.1, with a room that keeps `capacity`
    /// messages. `send_buffer` sets the size of the send buffer of every socket the
    /// listener accepts.
    async fn start(capacity: usize, send_buffer: Option<u32>) -> Server {
        let socket = TcpSocket::new_v4().expect("a TCP socket");
        if let Some(size) = send_buffer {
            socket.set_send_buffer_size(size).expect("a smaller send buffer");
        }
        socket.bind(SocketAddr::from(([127, 0, 0, 1], 0))).expect("a port on 127.0.0.1");
        let listener = socket.listen(64).expect("a listening socket");
        let address = listener.local_addr().expect("the listener's address");
        let room = ChatRoom::new(capacity);
        let task = tokio::spawn(serve(listener, Arc::clone(&room)));
        Server { address, room, task }
    }

    /// Waits until `online()` says `want`, for at most [`PATIENCE`]. On time out, gives
    /// what it said last.
    async fn wait_online(&self, want: usize) -> Result<(), usize> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let now = self.room.online();
            if now == want {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(now);
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// A line to add to a lesson when `serve` is no longer running.
    fn note(&self) -> String {
        if self.task.is_finished() {
            "\nNote: `serve` has returned (or panicked), so nobody accepts new clients any more. It \
             should accept clients for as long as it runs, `loop { if let Ok((stream, _)) = \
             listener.accept().await { tokio::spawn(..); } }`, and never end because one client did."
                .to_string()
        } else {
            String::new()
        }
    }

    /// Fails unless `serve` is still accepting clients.
    fn ensure_running(&self) {
        if self.task.is_finished() {
            fail(format!(
                "Every client got what it should, but by the end of the check `serve` had returned (or \
                 panicked).{}",
                self.note()
            ));
        }
    }
}

/// A head count above this went below zero and wrapped round.
const WRAPPED: usize = 1 << 32;

/// The lesson when `online()` fell below what it should say: a client counted out more
/// than once, or while still in the room.
fn too_few(now: usize, want: usize, story: &str) -> String {
    let said = if now > WRAPPED {
        format!("{now}: it went below zero and wrapped round, so it is below")
    } else {
        format!("{now}, fewer than")
    };
    format!(
        "{story} `online()` said {said} the {want} clients still in the room: a client was \
         counted out more than once, or counted out while it was still there. Possible causes: both of a \
         client's tasks (the one that reads and the one that writes) count it out when they end; or the \
         count goes down on a path that the client does not leave by. Count a client out in one place, \
         once, when its reading ends (a `Drop` guard held by the reading side does it exactly once)."
    )
}

/// What a client heard when it waited for its next line.
#[derive(Debug)]
enum Heard {
    Line(String),
    /// The server closed the connection (end of file).
    HungUp,
    /// Nothing came within the time given.
    Nothing(Duration),
    /// Reading failed, e.g. the server reset the connection.
    Broken(String),
}

impl Heard {
    fn is(&self, want: &str) -> bool {
        matches!(self, Heard::Line(line) if line == want)
    }

    fn describe(&self) -> String {
        match self {
            Heard::Line(line) => format!("heard `{}`", show(line)),
            Heard::HungUp => "the server closed the connection".to_string(),
            Heard::Nothing(d) => format!("heard nothing for {}", seconds(*d)),
            Heard::Broken(error) => format!("the connection broke: {error}"),
        }
    }
}

/// A client of the check: a real TCP connection to your server.
struct Client {
    name: &'static str,
    lines: Lines<BufReader<OwnedReadHalf>>,
    writer: OwnedWriteHalf,
    /// Every line it heard so far.
    heard: Vec<String>,
}

impl Client {
    /// Connects to the server and sends `name`, the first line of the protocol.
    /// `receive_buffer` sets the size of this client's receive buffer.
    async fn connect(server: &Server, name: &'static str, receive_buffer: Option<u32>) -> Client {
        let socket = TcpSocket::new_v4().expect("a TCP socket");
        if let Some(size) = receive_buffer {
            socket.set_recv_buffer_size(size).expect("a smaller receive buffer");
        }
        let stream = match timeout(PATIENCE, socket.connect(server.address)).await {
            Ok(Ok(stream)) => stream,
            Ok(Err(error)) => fail(format!("{name} could not connect to your server: {error}.{}", server.note())),
            Err(_) => fail(format!(
                "{name} tried to connect to your server, and was still waiting {} later.{}",
                seconds(PATIENCE),
                server.note()
            )),
        };
        let (reader, writer) = stream.into_split();
        let mut client = Client { name, lines: BufReader::new(reader).lines(), writer, heard: Vec::new() };
        client.send(name).await;
        client
    }

    /// Sends one line.
    async fn send(&mut self, text: &str) {
        let line = format!("{text}\n");
        match timeout(PATIENCE, self.writer.write_all(line.as_bytes())).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => fail(format!(
                "{} tried to send `{}`, but the connection was broken: {error}. The server closed it \
                 earlier than it should: a client stays connected until it hangs up itself.",
                self.name,
                show(text)
            )),
            Err(_) => fail(format!(
                "{} tried to send `{}` and could not, for {}: the server was not reading from this \
                 client any more, and the socket's buffers were full.",
                self.name,
                show(text),
                seconds(PATIENCE)
            )),
        }
    }

    /// Breaks the connection: closes it with a reset (RST) instead of an orderly goodbye,
    /// as when the client's program crashes.
    fn reset(self) {
        let stream = self.lines.into_inner().into_inner().reunite(self.writer).expect("the two halves of one stream");
        stream.set_zero_linger().expect("SO_LINGER 0");
        drop(stream);
    }

    /// Waits for the next line, for at most `within`.
    async fn next(&mut self, within: Duration) -> Heard {
        match timeout(within, self.lines.next_line()).await {
            Ok(Ok(Some(line))) => {
                self.heard.push(line.clone());
                Heard::Line(line)
            }
            Ok(Ok(None)) => Heard::HungUp,
            Ok(Err(error)) => Heard::Broken(error.to_string()),
            Err(_) => Heard::Nothing(within),
        }
    }
}

/// `0.200 s`, `2 s`.
fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 { format!("{} s", d.as_secs()) } else { format!("{:.3} s", d.as_secs_f64()) }
}

/// A line as a lesson shows it: long ones cut short.
fn show(line: &str) -> String {
    const SHOWN: usize = 40;
    if line.chars().count() <= SHOWN + 10 {
        line.to_string()
    } else {
        let start: String = line.chars().take(SHOWN).collect();
        format!("{start}… ({} KB)", line.len() / 1024)
    }
}

/// What a round of the protocol was about, for the lesson when it goes wrong.
#[derive(Clone, Copy)]
enum Round<'a> {
    /// `newcomer` connected and sent the name `newcomer`.
    Joined(&'a str),
    /// `speaker` sent a line.
    Said(&'a str),
    /// `leaver` hung up; `reset` if its connection was reset rather than closed.
    Left { leaver: &'a str, reset: bool },
    /// alice sent message number `index` of the flood while dave read nothing.
    Flood(usize),
}

/// Everyone in `clients` should now hear `want` as their next line: waits for all of
/// them at once, and fails with a lesson unless each heard exactly that.
async fn all_hear(clients: &mut [Client], want: &str, round: Round<'_>) {
    let heard = futures::future::join_all(clients.iter_mut().map(|client| client.next(PATIENCE))).await;
    if heard.iter().all(|h| h.is(want)) {
        return;
    }
    let mut table = String::new();
    for (client, heard) in clients.iter().zip(&heard) {
        let mark = if heard.is(want) { "✓" } else { "✗" };
        let _ = writeln!(table, "  {mark} {:<6} {}", client.name, heard.describe());
    }
    let what = match round {
        Round::Joined(newcomer) => format!("{newcomer} connected and sent the name `{newcomer}`."),
        Round::Said(speaker) => format!("{speaker} sent a line."),
        Round::Left { leaver, reset: false } => format!("{leaver} hung up (closed its connection)."),
        Round::Left { leaver, reset: true } => format!(
            "{leaver}'s connection broke: the check reset it, as when a client's program crashes or its \
             network goes away."
        ),
        Round::Flood(index) => format!("alice sent message {index:02} of {FLOOD}, while dave read nothing."),
    };
    let lesson = lesson(clients, &heard, want, round);
    let names: Vec<&str> = clients.iter().map(|c| c.name).collect();
    let who = match names.as_slice() {
        [one] => format!("{one} should then hear"),
        [a, b] => format!("{a} and {b} should both hear"),
        _ => format!("Each of {} should then hear", names.join(", ")),
    };
    fail(format!("{what} {who} `{}`:\n{table}{lesson}", show(want)));
}

/// The lesson for a server that only writes to a client after reading from it.
const TAKES_TURNS: &str = "A handler that waits for a line from its client before it writes anything back \
     takes turns, like a request handler (the notes' WebSocket endpoint: `receive_text`, then \
     `send_text`). A chat client must hear the room while it says nothing, so the two directions must \
     run at the same time: one task (`tokio::spawn`) waits on the client's `Receiver` \
     (`inbox.recv().await`) and writes each message to the socket, while another reads the client's \
     lines and sends them to the room. (Or one loop with `tokio::select!` over `lines.next_line()` and \
     `inbox.recv()`.)";

/// Why a round went wrong, and what to do instead.
fn lesson(clients: &[Client], heard: &[Heard], want: &str, round: Round<'_>) -> String {
    let name_of = |i: usize| clients[i].name;
    let got_it: Vec<usize> = (0..heard.len()).filter(|&i| heard[i].is(want)).collect();
    let silent: Vec<usize> = (0..heard.len()).filter(|&i| matches!(heard[i], Heard::Nothing(_))).collect();

    // A line heard twice, or a line that doesn't belong here.
    for (i, h) in heard.iter().enumerate() {
        let Heard::Line(line) = h else { continue };
        if line == want {
            continue;
        }
        let earlier = &clients[i].heard[..clients[i].heard.len() - 1];
        if earlier.contains(line) {
            return format!(
                "{} heard `{}` twice. Every client gets every message exactly once: one `Receiver` per \
                 client (`room.messages.subscribe()`, once, when it joins), and no other copy, not even \
                 for the one who said it.",
                name_of(i),
                show(line)
            );
        }
        return format!(
            "{} heard `{}` where `{}` was due. The protocol: the first line a client sends is its name; \
             the room then hears `* <name> joined`; every later line is passed on to everyone, the \
             sender too, as `<name>: <line>`; when a client hangs up, the others hear `* <name> left`. \
             Nothing else, and each message once, in the order they were said.",
            name_of(i),
            show(line),
            show(want)
        );
    }

    if let Some(i) = heard.iter().position(|h| matches!(h, Heard::HungUp | Heard::Broken(_))) {
        return format!(
            "The server dropped {}'s connection, though {} never hung up. A client's connection stays \
             open until the client closes it. If a panic is shown below, that is what ended the task \
             that held the socket; a `?` on an error, or a `break`, ends it just as well.",
            name_of(i),
            name_of(i)
        );
    }

    let only = |who: &[usize]| who.iter().map(|&i| name_of(i)).collect::<Vec<_>>().join(" and ");
    // A stall in the flood shows as silence everywhere; anything else is judged like any line said.
    let round = match round {
        Round::Flood(index) if index == 0 || !got_it.is_empty() => Round::Said("alice"),
        round => round,
    };
    match round {
        Round::Joined(newcomer) => {
            let newcomer_heard = got_it.iter().any(|&i| name_of(i) == newcomer);
            if !newcomer_heard && got_it.is_empty() {
                let nobody = if clients.len() == 1 {
                    format!("{newcomer} heard nothing")
                } else {
                    "Nobody heard it".to_string()
                };
                let mut reasons = vec![
                    TAKES_TURNS.to_string(),
                    format!(
                        "The receiver was made after `* {newcomer} joined` was sent, say by a `subscribe()` \
                         inside the spawned writing task, which runs only later. A `Receiver` gets only the \
                         messages sent after it was made: subscribe first, then announce."
                    ),
                ];
                reasons.push(
                    "What was written stays in a buffer: a `BufWriter` around the socket sends only when its \
                     buffer (8 KB) is full, or on `flush()`. Flush after each line (or whenever the inbox is \
                     empty), or write to the socket itself."
                        .to_string(),
                );
                if clients.len() > 1 {
                    reasons.push(format!(
                        "`serve` awaits each client's handler before it accepts the next client, so it serves \
                         one client at a time. {newcomer} is connected (the system accepts connections on its \
                         own), but nobody reads from it until {} leaves. Give each client a task of its own, \
                         `tokio::spawn(handle_client(stream, Arc::clone(&room)))`, like \
                         `asyncio.start_server`, which runs each client's handler as a task.",
                        name_of(0)
                    ));
                }
                let count = ["Two", "Three", "Four"][reasons.len().clamp(2, 4) - 2];
                format!(
                    "{nobody}. What should happen when {newcomer} joins: subscribe to the room \
                     (`room.messages.subscribe()`), then send `* {newcomer} joined` into it, and from then \
                     on write every message that receiver gets to {newcomer}'s socket, at once, whether \
                     {newcomer} says anything or not. {count} usual reasons why not:\n- {}",
                    reasons.join("\n- ")
                )
            } else if !newcomer_heard {
                format!(
                    "The others heard it, but not {newcomer}. Possible causes: {newcomer}'s receiver was made \
                     after `* {newcomer} joined` was sent (a `Receiver` only gets the messages sent after it \
                     was made), or nothing forwards it to {newcomer}'s socket. Call \
                     `room.messages.subscribe()` first, then send `* {newcomer} joined`, and forward that \
                     receiver to {newcomer}'s socket."
                )
            } else {
                let others = only(&silent);
                format!(
                    "{newcomer} heard it, but {others} did not, though {others} had been in the room for a \
                     while, saying nothing.\n{TAKES_TURNS}\n\
                     (Or `* {newcomer} joined` went to {newcomer}'s socket alone: send it into the room's \
                     channel, for everyone.)"
                )
            }
        }
        Round::Said(speaker) => {
            let speaker_heard = got_it.iter().any(|&i| name_of(i) == speaker);
            if speaker_heard && !silent.is_empty() {
                format!(
                    "Only {speaker}, who spoke, heard it; {}, who said nothing, heard nothing. Possible \
                     causes: the line went to {speaker}'s socket alone instead of into the room's channel, \
                     or the server writes to a client only after reading from it:\n{TAKES_TURNS}",
                    only(&silent)
                )
            } else if !speaker_heard && !got_it.is_empty() {
                format!(
                    "Everyone heard it but {speaker}, who said it. In this room the sender hears its own \
                     lines too (like the notes' `broadcast`, which sends to every active connection): \
                     send `{speaker}: <line>` into the channel and let {speaker}'s own receiver deliver it, \
                     like everyone else's."
                )
            } else {
                format!(
                    "Nobody heard it. Each line a client sends after its name should go into the room's \
                     channel as `{speaker}: <line>` (`room.messages.send(..)`), and each client's receiver \
                     be forwarded to its socket."
                )
            }
        }
        Round::Left { leaver, reset: false } => format!(
            "The server never told the room that {leaver} left. When a client hangs up, reading from it \
             ends: `lines.next_line().await` returns `Ok(None)` (what Python's `WebSocketDisconnect` \
             says). That is where the client leaves: count it out (`online`), stop the task that writes \
             to it, and send `* {leaver} left` to the room."
        ),
        Round::Left { leaver, reset: true } => format!(
            "The server never told the room that {leaver} left. A broken connection ends a client too, \
             but not with `Ok(None)`: `lines.next_line().await` returns `Err(..)` (connection reset). \
             If that error went up with `?`, the function returned on the spot and skipped everything \
             after the loop: counting {leaver} out and `* {leaver} left`, like an exception skipping \
             code that isn't in a `finally:`. Keep the outcome instead (`let outcome = ...;`), do the \
             leaving, then return it; or do the leaving in a `Drop` guard."
        ),
        Round::Flood(index) => format!(
            "They heard messages 00 to {:02}, and then nothing: by then the server had sent dave {index} \
             messages of {} KB, and dave had read none of them. The socket buffers between the server \
             and dave were full (the check made them small: {} KB), so a write to dave had to wait until \
             dave reads, which he doesn't.\n\
             Everyone waited with it. Possible causes: this server writes to the clients one after \
             another, like the notes' ConnectionManager (`for connection in active_connections: await \
             connection.send_text(message)`), where one slow client stalls the whole room; or a writer \
             holds something the others need (a lock) while it waits on dave's socket.\n\
             With `tokio::sync::broadcast`, each client has its own `Receiver` and its own task that \
             writes to it: sending into the channel never waits, a slow client only holds up its own \
             task, and when it falls more than `capacity` messages behind, its next `recv()` says \
             `Err(RecvError::Lagged(n))` instead of holding up the others.",
            index.saturating_sub(1),
            FLOOD_BYTES / 1024,
            SMALL_BUFFER / 1024
        ),
    }
}

/// `name` connects and joins the room of `clients`: everyone, `name` included, hears
/// `* name joined`.
async fn join(server: &Server, clients: &mut Vec<Client>, name: &'static str, receive_buffer: Option<u32>) {
    clients.push(Client::connect(server, name, receive_buffer).await);
    all_hear(clients, &format!("* {name} joined"), Round::Joined(name)).await;
}

/// `clients[speaker]` says `text`, and everyone hears it.
async fn say(clients: &mut [Client], speaker: usize, text: &str) {
    let name = clients[speaker].name;
    clients[speaker].send(text).await;
    all_hear(clients, &format!("{name}: {text}"), Round::Said(name)).await;
}

/// `clients[leaver]` hangs up (or, with `reset`, its connection breaks), and the
/// others hear it. A client that hangs up closes its sending side and listens on until
/// the server closes the connection: it is returned, for [`heard_after_hanging_up`] to
/// read once the others have said more.
async fn leave(clients: &mut Vec<Client>, leaver: usize, reset: bool) -> Option<Client> {
    let mut gone = clients.remove(leaver);
    let name = gone.name;
    if reset {
        gone.reset();
        if !clients.is_empty() {
            all_hear(clients, &format!("* {name} left"), Round::Left { leaver: name, reset }).await;
        }
        return None;
    }
    // Hanging up the way a client that is done does: it closes its sending side (the
    // server reads the end of the stream), and listens on until the server closes too.
    let _ = gone.writer.shutdown().await;
    if !clients.is_empty() {
        all_hear(clients, &format!("* {name} left"), Round::Left { leaver: name, reset }).await;
    }
    Some(gone)
}

/// Reads what a client that hung up heard from the server afterwards, until the server
/// closes the connection, and fails if the room's chat reached it. Its own `* <name>
/// left` is let through: a server that stops the writing side at that very moment may
/// or may not have passed it on, and it does no harm.
async fn heard_after_hanging_up(gone: Option<Client>) {
    let Some(mut gone) = gone else { return };
    let name = gone.name;
    let own = format!("* {name} left");
    let mut heard = Vec::new();
    while let Heard::Line(line) = gone.next(PATIENCE).await {
        if line != own {
            heard.push(line);
        }
    }
    if let Some(line) = heard.first() {
        fail(format!(
            "{name} hung up (closed the sending side of the connection: the server's `next_line()` gave \
             `Ok(None)`), and then still heard `{}` from the server{}: the server went on writing to a \
             client that had left.\n\
             When a client's reading ends, stop its writing side too, so that nothing more is written and \
             the connection closes. Possible causes: the forwarding task's `JoinHandle` was dropped \
             instead of aborted (dropping a handle detaches the task, it does not stop it), or the \
             forwarder waits for a write to fail before it stops. `forwarder.abort()` once the reading \
             is over, or one `select!` loop over both directions that ends when the reading does.",
            show(line),
            if heard.len() > 1 { format!(", and {} lines more", heard.len() - 1) } else { String::new() },
        ));
    }
}

/// The numbered lines of the flood, as dave heard them: `00 01 02 (missed 37) 40 … 47`.
fn summary(lines: &[String]) -> String {
    let mut words: Vec<String> = Vec::new();
    for line in lines {
        let word = match flood_index(line) {
            Some(i) => format!("{i:02}"),
            None if line.starts_with("(missed") => line.clone(),
            None => format!("`{}`", show(line)),
        };
        words.push(word);
    }
    if words.len() > 16 {
        let tail = words.split_off(words.len() - 6);
        words.truncate(8);
        words.push("…".to_string());
        words.extend(tail);
    }
    words.join(" ")
}

/// Message number `i` of the flood, as alice sends it.
fn flood_line(i: usize) -> String {
    format!("{i:02} {}", "~".repeat(FLOOD_BYTES - 3))
}

/// The number of a flood message as the room passes it on (`alice: 07 ~~~…`).
fn flood_index(line: &str) -> Option<usize> {
    line.strip_prefix("alice: ")?.split(' ').next()?.parse().ok()
}

/// `(missed 37 messages)` → 37.
fn missed(line: &str) -> Option<usize> {
    let rest = line.strip_prefix("(missed ")?;
    let rest = rest.strip_suffix(" messages)").or_else(|| rest.strip_suffix(" message)"))?;
    rest.parse().ok()
}

/// The lines of the learner's source that store a new head count computed from a read
/// (`online.store(..)` with a `load` of `online`, or `online()`, in its arguments, on
/// its line or the line before, or bound by a `let` whose name the store uses), trimmed,
/// in the order they are written.
fn read_then_store(text: &str) -> Vec<String> {
    let Some(src) = Source::parse(text) else { return Vec::new() };
    let of_online = |s: &Site| s.receiver.as_deref().is_some_and(|r| r == "online" || r.ends_with(".online"));
    let reads = |s: &Site| s.is_method("load", None) && of_online(s) || s.is_method("online", Some(0));
    let mut found = Vec::new();
    for store in src.sites().iter().filter(|s| s.is_method("store", None) && of_online(s)) {
        let function = src.function_at(store.at, false).map_or(0..text.len(), |f| f.body.clone());
        let earlier = src.sites_in(function.start..store.at);
        let read = src
            .sites_in(store.span.clone())
            .find(|s| reads(s))
            .or_else(|| earlier.clone().filter(|s| reads(s) && s.line + 1 >= store.line).last())
            .or_else(|| {
                // `let count = room.online(); … room.online.store(count + 1, ..)`.
                let bound = |l: &workbook::source::Let| {
                    l.name.as_ref().is_some_and(|name| {
                        store.arguments.first().is_some_and(|arg| {
                            arg.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|word| word == name)
                        })
                    })
                };
                let binding = src.lets().iter().rfind(|l| l.span.end <= store.at && bound(l))?;
                let value = binding.value.clone()?;
                earlier.clone().find(|s| reads(s) && value.contains(&s.at))
            });
        if let Some(read) = read {
            // In the order they are written: a read inside the store's arguments after it.
            let mut lines = vec![read.line, store.line];
            lines.sort_unstable();
            lines.dedup();
            found.extend(lines.into_iter().map(|line| text.lines().nth(line - 1).unwrap_or("").trim().to_string()));
        }
    }
    found
}

/// Ways to wait for time to pass, or to let the runtime run something else and come
/// back: functions or methods of these names, and `.tick()`.
const TIMED_WAITS: &[&str] = &["sleep", "sleep_until", "timeout", "timeout_at", "yield_now"];
/// Ways to look whether a message or a line has come: functions or methods of these
/// names (`next_line()`, and `recv()`, `is_empty()`, `len()` as methods, with no
/// arguments), or whose names start with `try_read` or `try_next`.
const LOOKS: &[&str] = &["try_recv", "now_or_never"];

fn is_timed_wait(site: &Site) -> bool {
    site.is_method("tick", Some(0)) || site.callee().is_some_and(|name| TIMED_WAITS.contains(&name))
}

fn is_look(site: &Site) -> bool {
    ["recv", "is_empty", "len"].iter().any(|&name| site.is_method(name, Some(0)))
        || site.callee().is_some_and(|name| {
            LOOKS.contains(&name)
                || name == "next_line" && site.args == 0
                || name.starts_with("try_read")
                || name.starts_with("try_next")
        })
}

/// A loop of the learner's source that waits by polling: it waits on a timer (or
/// yields) and looks whether something came, round and round. Its first timed wait and
/// its first look.
fn polling_loop(src: &Source) -> Option<(&Site, Option<&Site>)> {
    // The innermost loop that has both: its own lines are the ones to quote.
    let mut found = src.loops().to_vec();
    found.sort_by_key(|l| l.len());
    found.into_iter().find_map(|region| {
        let waits: Vec<&Site> = src.sites_in(region.clone()).filter(|s| is_timed_wait(s)).collect();
        let looks: Vec<&Site> = src.sites_in(region).filter(|s| is_look(s)).collect();
        let spin = waits.iter().copied().find(|w| w.callee() == Some("yield_now"));
        // A look on a line of its own if there is one (`timeout(.., lines.next_line())` is both).
        let look = waits.first().and_then(|w| looks.iter().find(|l| l.line != w.line)).or(looks.first());
        match (waits.first(), look, spin) {
            (Some(&wait), Some(&look), _) => Some((wait, Some(look))),
            (_, None, Some(spin)) => Some((spin, None)),
            _ => None,
        }
    })
}

workbook::checks! {
    fn everyone_hears_every_message_once() {
        on_real_clock(async {
            let server = Server::start(16, None).await;
            let mut clients = Vec::new();
            join(&server, &mut clients, "alice", None).await;
            join(&server, &mut clients, "bob", None).await;
            join(&server, &mut clients, "carol", None).await;
            say(&mut clients, 0, "hello, everyone").await;
            say(&mut clients, 1, "hi alice!").await;
            say(&mut clients, 2, "hey, all three of us").await;

            // Nothing more should come: no copies.
            let extra = futures::future::join_all(clients.iter_mut().map(|client| client.next(QUIET))).await;
            for (client, heard) in clients.iter().zip(&extra) {
                if let Heard::Line(line) = heard {
                    fail(format!(
                        "After the three lines, {} also heard `{}`.\n\
                         Every client gets every message exactly once: one `Receiver` per client \
                         (`room.messages.subscribe()`, once, when it joins), and no other copy, not \
                         even for the one who said it.",
                        client.name,
                        show(line)
                    ));
                }
            }
            server.ensure_running();
        });
    }

    fn leaving_clients_are_counted_out() {
        on_real_clock(async {
            let server = Server::start(16, None).await;
            let mut clients = Vec::new();
            join(&server, &mut clients, "alice", None).await;
            join(&server, &mut clients, "bob", None).await;
            join(&server, &mut clients, "carol", None).await;
            if let Err(now) = server.wait_online(3).await {
                if !(3..=WRAPPED).contains(&now) {
                    fail(too_few(now, 3, "alice, bob and carol joined (each heard its own `* <name> joined`), but"));
                }
                fail(format!(
                    "alice, bob and carol joined (each heard its own `* <name> joined`), but `online()` \
                     said {now}, not 3, for {}. Count a client in when it joins: \
                     `room.online.fetch_add(1, Ordering::SeqCst)`, before you tell the room.",
                    seconds(PATIENCE)
                ));
            }

            let bob = clients.iter().position(|c| c.name == "bob").expect("bob");
            let bob_heard = leave(&mut clients, bob, false).await;
            if let Err(now) = server.wait_online(2).await {
                if !(2..=WRAPPED).contains(&now) {
                    fail(too_few(now, 2, "bob hung up, and alice and carol heard `* bob left`, but"));
                }
                fail(format!(
                    "bob hung up, and alice and carol heard `* bob left`, but {} later `online()` still \
                     said {now}, not 2.\n\
                     A client that has gone must be counted out: `room.online.fetch_sub(1, \
                     Ordering::SeqCst)` when its reading ends. Do it on every way out (end of file, a \
                     broken connection, an error): code after a `?` never runs when the `?` returns \
                     early. A guard value whose `Drop` counts the client out can't be skipped.",
                    seconds(PATIENCE)
                ));
            }
            say(&mut clients, 0, "bob's gone").await;
            say(&mut clients, 1, "more cake for us").await;

            let carol = clients.iter().position(|c| c.name == "carol").expect("carol");
            // carol's connection breaks instead: her program crashed, say.
            heard_after_hanging_up(bob_heard).await;
            leave(&mut clients, carol, true).await;
            if let Err(now) = server.wait_online(1).await {
                if !(1..=WRAPPED).contains(&now) {
                    fail(too_few(now, 1, "carol's connection broke (the check reset it), and alice heard `* carol left`, but"));
                }
                fail(format!(
                    "carol's connection broke (the check reset it), and alice heard `* carol left`, but \
                     {} later `online()` still said {now}, not 1.\n\
                     A broken connection is a way out too: `lines.next_line().await` returns `Err(..)`. \
                     If a `?` passed that error up, the function returned there and skipped the line that \
                     counts the client out. Keep the outcome in a variable, count the client out, then \
                     return it; or let a guard's `Drop` do the counting.",
                    seconds(PATIENCE)
                ));
            }
            let alice_heard = leave(&mut clients, 0, false).await;
            if let Err(now) = server.wait_online(0).await {
                if now > WRAPPED {
                    fail(too_few(now, 0, "alice, the last one in the room, hung up, and"));
                }
                fail(format!(
                    "alice, the last one in the room, hung up, but {} later `online()` still said {now}, \
                     not 0.\n\
                     When the last client leaves, nobody is left to hear `* alice left`, and \
                     `broadcast::Sender::send` returns `Err(SendError(..))`: there is no receiver. If a \
                     panic about `SendError` is shown below, an `.unwrap()` on that send killed the task \
                     before it counted alice out. Nobody to hear it is no error for a chat room: \
                     `let _ = room.messages.send(..)`.{}",
                    seconds(PATIENCE),
                    server.note()
                ));
            }
            heard_after_hanging_up(alice_heard).await;

            // The room is empty now; the server must still take new clients.
            join(&server, &mut clients, "erin", None).await;
            if let Err(now) = server.wait_online(1).await {
                if !(1..=WRAPPED).contains(&now) {
                    fail(too_few(now, 1, "erin joined the empty room (and heard `* erin joined`), but"));
                }
                fail(format!(
                    "erin joined the empty room, but `online()` said {now}, not 1, for {}.",
                    seconds(PATIENCE)
                ));
            }
            say(&mut clients, 0, "anyone here?").await;
            server.ensure_running();
        });
    }

    fn slow_client_misses_messages_but_stays() {
        on_real_clock(async {
            let server = Server::start(KEPT, Some(SMALL_BUFFER)).await;
            let mut clients = Vec::new();
            join(&server, &mut clients, "alice", None).await;
            join(&server, &mut clients, "carol", None).await;
            // dave joins, then reads nothing until alice is done.
            join(&server, &mut clients, "dave", Some(SMALL_BUFFER)).await;
            let mut dave = clients.pop().expect("dave");

            for i in 0..FLOOD {
                clients[0].send(&flood_line(i)).await;
                all_hear(&mut clients, &format!("alice: {}", flood_line(i)), Round::Flood(i)).await;
            }
            if let Err(now) = server.wait_online(3).await {
                if !(3..=WRAPPED).contains(&now) {
                    fail(too_few(now, 3, &format!("alice sent {FLOOD} messages while dave read none of them, and nobody hung up, but")));
                }
                fail(format!(
                    "alice sent {FLOOD} messages while dave read none of them, and dave never hung up, \
                     but `online()` said {now}, not 3: dave should still be in the room. A client that \
                     falls behind is a slow client, not a gone one.{}",
                    server.note()
                ));
            }

            // dave says something before he reads: his line comes after all of alice's, so it
            // must reach him after them, through his place in the room like everyone else's.
            dave.send(BACK).await;
            let own = format!("dave: {BACK}");

            // Now dave reads everything he still has coming.
            let last = format!("alice: {}", flood_line(FLOOD - 1));
            let mut got: Vec<String> = Vec::new();
            let ended = loop {
                match dave.next(PATIENCE).await {
                    Heard::Line(line) if line == last => {
                        got.push(line);
                        break None;
                    }
                    Heard::Line(line) => got.push(line),
                    other => break Some(other),
                }
            };
            if let Some(how) = ended.as_ref()
                && let Some(n) = got.last().and_then(|line| missed(line))
            {
                fail(format!(
                    "dave read nothing while alice sent her {FLOOD} messages, then started reading. He got: \
                     {}. Then {}, before message {:02}, alice's last.\n\
                     The notice `(missed {n} messages)` came, and then none of the messages the room still \
                     kept (it keeps the last {KEPT}, `ChatRoom::new({KEPT})`, so alice's last messages, up to \
                     {:02}, were still there for him). Possible causes: the forwarding stopped after the notice (a \
                     `break` or a `return` in the `Lagged` arm), or it skipped what was kept (a fresh \
                     `subscribe()` or `resubscribe()` starts after the newest message, not at the oldest one \
                     kept). After `Err(RecvError::Lagged(n))`, the same receiver's next `recv()` gives the \
                     oldest message still kept: keep receiving from it.",
                    summary(&got),
                    match how {
                        Heard::Nothing(d) => format!("nothing more came for {}", seconds(*d)),
                        other => other.describe(),
                    },
                    FLOOD - 1,
                    FLOOD - 1
                ));
            }
            if let Some(how) = ended {
                fail(format!(
                    "dave read nothing while alice sent her {FLOOD} messages, then started reading. He got: \
                     {}. Then {}, before message {:02}, alice's last.\n\
                     The room keeps only the last {KEPT} messages (`ChatRoom::new({KEPT})`). When dave's \
                     receiver fell further behind than that, its next `recv()` returned \
                     `Err(RecvError::Lagged(n))`: n messages were dropped for him, and the receiver now \
                     points at the oldest message still kept. That is news for dave, not the end of him, \
                     but this server stopped passing messages on to him before alice's last. Possible \
                     causes, at that `Err`: an `.unwrap()` (a panic, shown below if so), a `?`, a `break`, \
                     or a `while let Ok(message) = inbox.recv().await` loop, which ends at the first `Err`.\n\
                     Match the error instead: on `Err(RecvError::Lagged(n))`, send dave `(missed n \
                     messages)` and go on receiving; only `Err(RecvError::Closed)` (the room itself is \
                     gone) ends the loop.",
                    if got.is_empty() { "nothing".to_string() } else { summary(&got) },
                    match how {
                        Heard::Nothing(d) => format!("nothing more came for {}", seconds(d)),
                        other => other.describe(),
                    },
                    FLOOD - 1
                ));
            }

            // Each message once, in order, or counted in a `(missed n messages)`.
            if let Some(at) = got.iter().position(|line| *line == own) {
                let before = got[..at].iter().rev().find_map(|line| flood_index(line));
                let after = got[at + 1..].iter().find_map(|line| flood_index(line).map(|i| format!("{i:02}")));
                fail(format!(
                    "dave fell behind, sent `{BACK}` after alice's last message, then read: {}.\n\
                     His own line came {}, before {}: it did not reach him in the room's order. The room \
                     heard it after message {:02}, so it sits behind them in his place in the queue, and his \
                     `Receiver` gives it to him after them. Possible causes: the speaker's own lines are \
                     written straight to its socket (an echo) instead of coming through its `Receiver`, \
                     while its receiver skips them. Send the line into the room and let every receiver, the \
                     speaker's included, deliver it.",
                    summary(&got),
                    before.map_or("first".to_string(), |i| format!("right after message {i:02}")),
                    after.map_or("the rest of the messages".to_string(), |i| format!("message {i}")),
                    FLOOD - 1
                ));
            }

            let mut next = 0;
            let mut notices = 0;
            for line in &got {
                if let Some(n) = missed(line) {
                    next += n;
                    notices += 1;
                } else if flood_index(line) == Some(next) {
                    next += 1;
                } else {
                    fail(format!(
                        "dave fell behind, then read: {}.\n\
                         Where message {next:02} was due, he got `{}`. Each message should reach him once, \
                         in order, except the ones he missed, which he learns about from one line, \
                         `(missed n messages)`, in their place: n comes from \
                         `Err(RecvError::Lagged(n))`, and the next `recv()` carries on after the gap.",
                        summary(&got),
                        show(line)
                    ));
                }
            }
            if next != FLOOD {
                fail(format!(
                    "dave fell behind, then read: {}.\n\
                     His messages and his `(missed n)` lines add up to {next}, but alice sent {FLOOD}. \
                     Each message dave misses must be counted, once: tell him the n of \
                     `Err(RecvError::Lagged(n))` as it is.",
                    summary(&got)
                ));
            }
            if notices == 0 {
                fail(format!(
                    "dave read nothing while alice sent {FLOOD} messages of {} KB, then got all of them. \
                     But the room was made to keep only the last {KEPT} (`ChatRoom::new({KEPT})`): \
                     the channel is `broadcast::channel(capacity)`, and a receiver that falls more than \
                     `capacity` messages behind misses the oldest ones and is told so by \
                     `Err(RecvError::Lagged(n))`, which this server should turn into `(missed n \
                     messages)` for dave. Make the channel with the capacity you are given, and one \
                     `Receiver` per client.",
                    FLOOD_BYTES / 1024
                ));
            }

            // dave is still in the room, and hears what comes next like everyone else.
            // After alice's last message, dave's own line, and the others hear it too.
            match dave.next(PATIENCE).await {
                Heard::Line(line) if line == own => {}
                other => fail(format!(
                    "dave fell behind, sent `{BACK}` after alice's last message, then read up to alice's last \
                     message: {}. Then, where his own line `{own}` was due, he {}. Every line a client sends \
                     reaches everyone, the sender too, after what was said before it.",
                    summary(&got),
                    other.describe()
                )),
            }
            all_hear(&mut clients, &own, Round::Said("dave")).await;

            clients.push(dave);
            say(&mut clients, 1, "dave, still with us?").await;
            server.ensure_running();
        });
    }

    fn the_server_awaits_instead_of_polling() {
        // Read from the source: on the real clock a poll every few milliseconds delivers
        // in time for the clients, so how long they waited can't tell it apart, and its
        // count of wake-ups would depend on the machine.
        let Some(source) = Source::parse(include_str!("../src/broadcast_server.rs")) else { return };
        let Some((wait, look)) = polling_loop(&source) else { return };
        let quoted = |site: &Site| source.quote(site.at);
        let yields = wait.callee() == Some("yield_now");
        let what = match look {
            Some(look) if yields => format!(
                "In src/broadcast_server.rs, a loop yields to the runtime (`yield_now`) and looks whether \
                 something came, round and round:\n{}\n{}\n\
                 That waits by polling, with no pause at all: the task is ready to run again at once, so \
                 the runtime's thread spends its time going round the loop and asking.",
                quoted(wait),
                quoted(look),
            ),
            Some(look) => format!(
                "In src/broadcast_server.rs, a loop waits for time to pass and looks whether something came, \
                 round and round:\n{}\n{}\n\
                 That waits by polling: the task wakes each time its timer fires, whether a message came or \
                 not, and a message that comes just after a look waits for the next round.",
                quoted(wait),
                quoted(look),
            ),
            None => format!(
                "In src/broadcast_server.rs, a loop yields and comes straight back, round and round:\n{}\n\
                 That waits by polling, with no pause at all: the task is ready to run again at once, so \
                 the runtime's thread spends its time going round the loop.",
                quoted(wait),
            ),
        };
        fail(format!(
            "{what} On the checks' real clock the clients may still get their lines in time, so this \
             check goes by the source, the same on every run. With many clients, every one of their \
             tasks wakes again and again for nothing.\n\
             Await, don't poll: `inbox.recv().await` sleeps until the room has a message for this \
             client (or says `Lagged(n)`) and wakes once for it, and `lines.next_line().await` sleeps \
             until the client says something. To wait for both at once, give each its own task (one \
             passes the room on to the client, one reads the client), or `tokio::select!` on the two \
             in one loop."
        ));
    }

    fn the_head_count_changes_in_one_step() {
        // Read from the source: the checks' runtime has one thread, where nothing runs
        // between a read and a write that have no `.await` between them.
        let found = read_then_store(include_str!("../src/broadcast_server.rs"));
        if !found.is_empty() {
            fail(format!(
                "The head count is read, then a new value is stored in a second step:\n    {}\n\
                 Clients join and leave from tasks of their own, and on a multi-thread runtime two of them \
                 can run those two steps at the same time: both read 2, both store 3, and one arrival is \
                 lost. On the checks' one thread that never happens, so the other checks can't show it. \
                 Change the count in one step, which no other thread can split: \
                 `room.online.fetch_add(1, Ordering::SeqCst)` and `fetch_sub(1, ..)`.",
                found.join("\n    ")
            ));
        }
    }
}
