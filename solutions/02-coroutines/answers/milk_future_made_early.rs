//! grader: expect pass
//! Builds the steam_milk future first and awaits it last. Building a future starts
//! nothing, so the milk is still steamed from 3 s to 4 s, after the shot: the same
//! run as the reference solution.
//! grader: replaces items

/// The milk future waits, untouched, until the last line.
pub async fn make_latte(ticket: &Ticket) -> Drink {
    let milk = cafe::steam_milk();
    let grounds = cafe::grind_beans().await;
    let shot = cafe::pull_shot(grounds).await;
    cafe::pour_latte(ticket, shot, milk.await)
}
