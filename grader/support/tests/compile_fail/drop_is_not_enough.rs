// Dropping the guard before the `.await` releases the lock in time, but the variable is
// still in scope at the `.await`, so the task is still not `Send`: use a block.
use std::sync::{Arc, Mutex};

fn main() {
    let count = Arc::new(Mutex::new(0));
    tokio::spawn(async move {
        let mut guard = count.lock().unwrap();
        *guard += 1;
        drop(guard);
        tokio::task::yield_now().await;
    });
}
