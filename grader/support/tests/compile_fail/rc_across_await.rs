// An `Rc` alive across an `.await` in a spawned task.
use std::rc::Rc;

fn main() {
    tokio::spawn(async {
        let shared = Rc::new(String::from("agent"));
        tokio::task::yield_now().await;
        println!("{shared}");
    });
}
