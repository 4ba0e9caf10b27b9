//! grader: expect fail slow_client_misses_messages_but_stays "Make the channel with the capacity you are given"
//! The room's channel is made with room for 1024 messages, "so nobody misses anything",
//! instead of the `capacity` it is given.
//! grader: replaces items

impl ChatRoom {
    /// An empty room that keeps the last `capacity` messages for clients that fall behind.
    pub fn new(capacity: usize) -> Arc<ChatRoom> {
        // Plenty of room, so that nobody ever misses a message.
        let _ = capacity;
        let (messages, _) = broadcast::channel(1024);
        Arc::new(ChatRoom { messages, online: AtomicUsize::new(0) })
    }
}
