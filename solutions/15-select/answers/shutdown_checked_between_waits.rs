//! grader: expect fail messages_are_delivered_as_they_arrive "it noticed only when something else woke it up"
//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "it noticed only when something else woke it up"
//! grader: expect fail nothing_goes_out_after_the_session_returns "it noticed only when something else woke it up"
//! grader: expect fail shutdown_delivers_what_was_already_sent ""platform 4", "see you soon" lost"
//! The Python way, `wait_for(queue.get(), timeout)`: waits for a message until the next
//! ping is due with `timeout_at`, and looks at the shutdown signal only in between, so it
//! notices the shutdown at the next ping.
//! grader: replaces items

use tokio::time::timeout_at;

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut next_ping = Instant::now() + KEEP_ALIVE;
    loop {
        match timeout_at(next_ping, inbox.recv()).await {
            Ok(Some(message)) => mailbox::deliver(&message),
            Ok(None) => break,
            Err(_elapsed) => {
                mailbox::keep_alive();
                next_ping += KEEP_ALIVE;
            }
        }
        if shutdown.try_recv().is_ok() {
            break;
        }
    }
}
