//! grader: expect fail messages_are_delivered_as_they_arrive "all at the same instant"
//! grader: expect fail hang_up_ends_the_session "all at the same instant"
//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "all at the same instant"
//! grader: expect fail shutdown_delivers_what_was_already_sent "all at the same instant"
//! grader: expect fail nothing_goes_out_after_the_session_returns "all at the same instant"
//! Makes a new `interval(KEEP_ALIVE)` each time round the loop: its first tick is at
//! once, so the loop pings again and again at 0 s and the clock never moves on.
//! grader: replaces items

use tokio::time::interval;

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    loop {
        let mut keep_alive = interval(KEEP_ALIVE);
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                None => break,
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
            _ = &mut shutdown => break,
        }
    }
}
