// Many producers, one consumer: a `Sender` can be cloned, a `Receiver` can't.
use tokio::sync::mpsc;

fn main() {
    let (tx, rx) = mpsc::channel::<u32>(2);
    let _second_producer = tx.clone();
    let _second_cook = rx.clone();
}
