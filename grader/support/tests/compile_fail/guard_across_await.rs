// A `std::sync::MutexGuard` alive across an `.await` in a spawned task.
use std::sync::{Arc, Mutex};

fn main() {
    let count = Arc::new(Mutex::new(0));
    tokio::spawn(async move {
        let mut guard = count.lock().unwrap();
        tokio::task::yield_now().await;
        *guard += 1;
    });
}
