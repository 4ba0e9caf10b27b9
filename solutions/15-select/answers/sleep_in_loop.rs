//! grader: expect fail messages_are_delivered_as_they_arrive "starts over every time"
//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "is made anew each time round the loop"
//! grader: expect fail hang_up_ends_the_session "is made anew each time round the loop"
//! grader: expect fail shutdown_delivers_what_was_already_sent "starts over every time"
//! grader: expect fail nothing_goes_out_after_the_session_returns "starts over every time"
//! The keep-alive branch is a `sleep(KEEP_ALIVE)` written inside the `select!`: a new
//! sleep each time round, so every message restarts the second, and a busy inbox gets no
//! ping at all.
//! grader: replaces items

use tokio::time::sleep;

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    loop {
        tokio::select! {
            biased;
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                None => break,
            },
            () = sleep(KEEP_ALIVE) => mailbox::keep_alive(),
            _ = &mut shutdown => break,
        }
    }
}
