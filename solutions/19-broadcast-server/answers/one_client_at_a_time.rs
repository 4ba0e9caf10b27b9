//! grader: expect fail everyone_hears_every_message_once "serves one client at a time"
//! grader: expect fail leaving_clients_are_counted_out "serves one client at a time"
//! grader: expect fail slow_client_misses_messages_but_stays "serves one client at a time"
//! A correct handler, but `serve` awaits it instead of spawning it: the second client is
//! connected, and nobody reads from it until the first one leaves.
//! grader: replaces items

pub async fn serve(listener: TcpListener, room: Arc<ChatRoom>) {
    loop {
        let Ok((stream, _address)) = listener.accept().await else { continue };
        // Like `await handle_client(...)` in Python: the next client waits its turn.
        let _ = handle_client(stream, Arc::clone(&room)).await;
    }
}
