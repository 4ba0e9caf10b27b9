//! grader: expect fail order_is_taken_when_awaited "something that take_order started ran on its own"
//! grader: expect fail order_never_awaited_writes_nothing "kept running after its future was dropped"
//! Spawns the ticket writing as a task and returns a future of its handle, like `asyncio.create_task`: the task writes the ticket without anyone awaiting the order.
//! grader: replaces items

pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    let (customer, drink) = (customer.to_string(), drink.to_string());
    let task = tokio::spawn(async move { cafe::write_ticket(&customer, &drink) });
    async move { task.await.expect("the order task panicked") }
}
