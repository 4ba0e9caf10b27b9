//! grader: expect compile-error "expected `Milk`, found future"
//! Hands the steam_milk future to pour_latte, which wants the milk itself: without
//! `.await` the value is a future of Milk, not Milk, and the types don't match.
//! grader: replaces items

/// Grind, shot, and milk that was never steamed.
pub async fn make_latte(ticket: &Ticket) -> Drink {
    let grounds = cafe::grind_beans().await;
    let shot = cafe::pull_shot(grounds).await;
    let milk = cafe::steam_milk();
    cafe::pour_latte(ticket, shot, milk)
}
