// The notes' ConnectionManager, in Rust: every client's socket in a list behind a std
// Mutex, and a loop that writes to each in turn. The guard is alive across
// `write_all(..).await`, so the future is not `Send`, and `tokio::spawn` refuses it.
use std::sync::{Arc, Mutex};

use tokio::io::AsyncWriteExt;
use tokio::net::tcp::OwnedWriteHalf;

async fn broadcast(clients: Arc<Mutex<Vec<OwnedWriteHalf>>>, line: String) {
    let mut clients = clients.lock().unwrap();
    for client in clients.iter_mut() {
        let _ = client.write_all(line.as_bytes()).await; // one slow client holds up the rest
    }
}

fn main() {
    let clients = Arc::new(Mutex::new(Vec::new()));
    tokio::spawn(broadcast(clients, "alice: hi\n".to_string()));
}
