//! grader: expect fail latte_is_made_step_by_step "the barista never poured a latte"
//! grader: expect fail customer_is_called_after_pouring "serve never poured a latte"
//! Carries out every step but hands back a `Drink` built by hand instead of calling `cafe::pour_latte`.
//! grader: replaces items

pub async fn make_latte(ticket: &Ticket) -> Drink {
    let grounds = cafe::grind_beans().await;
    let _shot = cafe::pull_shot(grounds).await;
    let _milk = cafe::steam_milk().await;
    Drink { customer: ticket.customer.clone(), name: ticket.drink.clone() }
}
