//! grader: expect fail latte_is_made_step_by_step "The espresso machine and the steam wand worked at the same time"
//! grader: expect fail customer_is_called_after_pouring "In yours some calls overlap"
//! Steams the milk while the shot is pulled with `tokio::join!`, to save a second: the steps overlap (3 s), against the recipe.
//! grader: replaces items

#[allow(clippy::manual_async_fn)]
pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    async move { cafe::write_ticket(customer, drink) }
}

pub async fn make_latte(ticket: &Ticket) -> Drink {
    let grounds = cafe::grind_beans().await;
    let (shot, milk) = tokio::join!(cafe::pull_shot(grounds), cafe::steam_milk());
    cafe::pour_latte(ticket, shot, milk)
}
