// Exercise 17's stub as shipped: both of its tasks hold something that isn't `Send`
// across an `.await`, and `tokio::spawn` refuses them.
#[path = "../../../../exercises/17-send-bounds/src/send_bounds.rs"]
mod send_bounds;

fn main() {}
