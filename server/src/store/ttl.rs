//! A small in-process cache whose entries are trusted for a fixed time: for reads every request
//! makes (club settings, member sessions, the version live at a slug) where a change made on
//! another server may show a moment late. Each cache's TTL is the bound on that moment: servers
//! behind a balancer tell each other nothing, they only forget. Bounded: when full it starts over.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Values by string key, each trusted for `ttl` after it was put.
#[derive(Debug)]
pub struct TtlCache<V> {
    ttl: Duration,
    capacity: usize,
    entries: Mutex<HashMap<String, (Instant, V)>>,
}

impl<V: Clone> TtlCache<V> {
    /// An empty cache of at most `capacity` entries.
    pub fn new(ttl: Duration, capacity: usize) -> TtlCache<V> {
        TtlCache {
            ttl,
            capacity,
            entries: Mutex::default(),
        }
    }

    /// The value put under `key` less than the TTL ago.
    pub fn get(&self, key: &str) -> Option<V> {
        self.lock()
            .get(key)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, value)| value.clone())
    }

    /// Puts `value` under `key` from now.
    pub fn put(&self, key: &str, value: V) {
        let mut entries = self.lock();
        if entries.len() >= self.capacity {
            entries.clear();
        }
        entries.insert(key.to_owned(), (Instant::now(), value));
    }

    /// Forgets `key`.
    pub fn remove(&self, key: &str) {
        self.lock().remove(key);
    }

    /// Forgets everything.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, (Instant, V)>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_a_full_cache_starts_over() {
        let cache = TtlCache::new(Duration::from_millis(30), 2);
        cache.put("a", 1);
        cache.put("b", 2);
        assert_eq!((cache.get("a"), cache.get("b")), (Some(1), Some(2)));
        cache.put("c", 3);
        assert_eq!((cache.get("a"), cache.get("c")), (None, Some(3)));
        cache.remove("c");
        assert_eq!(cache.get("c"), None);
        cache.put("d", 4);
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(cache.get("d"), None, "expired");
    }
}
