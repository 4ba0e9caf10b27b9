// A future used where its output was wanted: the `.await` is missing.
use workbook::sim::cafe::{self, Drink, Ticket};

// ANCHOR: future_as_value
async fn make_latte(ticket: &Ticket) -> Drink {
    let grounds = cafe::grind_beans().await;
    let shot = cafe::pull_shot(grounds).await;
    let milk = cafe::steam_milk(); // the job of steaming, not the milk
    cafe::pour_latte(ticket, shot, milk)
}
// ANCHOR_END: future_as_value

fn main() {
    drop(make_latte(&cafe::write_ticket("Ada", "latte")));
}
