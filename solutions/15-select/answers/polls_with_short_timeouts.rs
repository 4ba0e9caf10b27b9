//! grader: expect fail messages_are_delivered_as_they_arrive "when nothing had happened"
//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "when nothing had happened"
//! grader: expect fail hang_up_ends_the_session "when nothing had happened"
//! grader: expect fail nothing_goes_out_after_the_session_returns "when nothing had happened"
//! grader: expect fail shutdown_delivers_what_was_already_sent ""platform 4", "see you soon" lost"
//! Polls: waits for a message at most 100 ms at a time (`timeout`), then looks at the
//! clock and the shutdown signal. Everything happens on time, but it wakes up ten times a
//! second for nothing.
//! grader: replaces items

use tokio::time::timeout;

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut next_ping = Instant::now() + KEEP_ALIVE;
    loop {
        if shutdown.try_recv().is_ok() {
            break;
        }
        match timeout(Duration::from_millis(100), inbox.recv()).await {
            Ok(Some(message)) => mailbox::deliver(&message),
            Ok(None) => break,
            Err(_nothing_yet) => {}
        }
        if Instant::now() >= next_ping {
            mailbox::keep_alive();
            next_ping += KEEP_ALIVE;
        }
    }
}
