//! grader: expect pass
//! Another correct answer: the pings come from a task of their own, and the session
//! aborts it before it returns (`JoinHandle::abort`); the session's own loop waits only
//! for the messages and the shutdown, or for the lines.
//! grader: replaces items

use tokio::task::JoinHandle;

/// A task that pings the client on the beat (1 s, 2 s, 3 s… from now) until aborted.
fn pinger() -> JoinHandle<()> {
    tokio::spawn(async {
        let mut keep_alive = keep_alive_beat();
        loop {
            keep_alive.tick().await;
            mailbox::keep_alive();
        }
    })
}

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` or the client hangs up.
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let pings = pinger();
    loop {
        tokio::select! {
            biased;
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                None => break,
            },
            _ = &mut shutdown => break,
        }
    }
    pings.abort();
}

/// Reads newline-delimited lines from `connection`, delivering each one as it arrives,
/// and pings the client meanwhile, until the client closes the connection.
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    let pings = pinger();
    let mut lines = BufReader::new(connection).lines();
    let read = async {
        while let Some(line) = lines.next_line().await? {
            mailbox::deliver(&line);
        }
        Ok(())
    };
    let result = read.await;
    pings.abort();
    result
}
