//! grader: expect fail nothing_goes_out_after_the_session_returns "still went out"
//! grader: expect fail messages_are_delivered_as_they_arrive "something it started was still running when it returned: `keep-alive`"
//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "something it started was still running when it returned: `keep-alive`"
//! grader: expect fail hang_up_ends_the_session "something it started was still running when it returned: `keep-alive`"
//! grader: expect fail shutdown_delivers_what_was_already_sent "something it started was still running when it returned: `keep-alive`"
//! Pings from a task of its own, spawned at the start and never stopped: the session returns, and the pings go on.
//! grader: replaces items

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    // The pinger keeps its own beat, whatever the loop below is doing.
    tokio::spawn(async {
        let mut keep_alive = keep_alive_beat();
        loop {
            keep_alive.tick().await;
            mailbox::keep_alive();
        }
    });
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
}
