//! grader: expect fail the_server_awaits_instead_of_polling "yields to the runtime (`yield_now`) and looks whether"
//! The task that passes the room on to the client asks `try_recv()` and, when nothing is
//! there, yields and asks again: `while True: ...; await asyncio.sleep(0)`.
//! grader: based on try_recv_then_sleep
//! grader: replaces `looks for a new one every 10 ms` with `looks for a new one, yields, looks again`
//! grader: replaces `tokio::time::sleep(std::time::Duration::from_millis(10)).await` with `tokio::task::yield_now().await`
