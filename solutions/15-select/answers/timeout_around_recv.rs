//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "no keep-alive ping at all"
//! grader: expect fail messages_are_delivered_as_they_arrive "a `tokio::time::timeout(KEEP_ALIVE, ..)` around each wait"
//! grader: expect fail hang_up_ends_the_session "no keep-alive ping at all"
//! grader: expect fail nothing_goes_out_after_the_session_returns "a `tokio::time::timeout(KEEP_ALIVE, ..)` around each wait"
//! grader: expect fail shutdown_delivers_what_was_already_sent ""platform 4", "see you soon" lost"
//! No `select!` for the inbox: the Python `wait_for(queue.get(), 1)` loop, `timeout(KEEP_ALIVE, inbox.recv())`, pinging when it times out; the shutdown is a `try_recv` after each wait.
//! grader: replaces items

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    loop {
        match tokio::time::timeout(KEEP_ALIVE, inbox.recv()).await {
            Ok(Some(message)) => mailbox::deliver(&message),
            Ok(None) => break,
            Err(_) => mailbox::keep_alive(),
        }
        if shutdown.try_recv().is_ok() {
            break;
        }
    }
}
