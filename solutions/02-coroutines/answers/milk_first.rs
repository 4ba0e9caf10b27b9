//! grader: expect fail latte_is_made_step_by_step "The steps ran in the order steam wand, grinder, espresso machine"
//! grader: expect fail customer_is_called_after_pouring "`grinder ▶ start grinding`; yours has it at 1.000s instead"
//! Steams the milk before grinding: still 4 s, but the milk waits while the shot is
//! pulled, and the steps are not in the order the recipe gives.
//! grader: replaces items

/// Milk, grind, shot, pour.
pub async fn make_latte(ticket: &Ticket) -> Drink {
    let milk = cafe::steam_milk().await;
    let grounds = cafe::grind_beans().await;
    let shot = cafe::pull_shot(grounds).await;
    cafe::pour_latte(ticket, shot, milk)
}
