//! Read-only store connections shared by the request handlers. SQLite connections are not
//! `Sync`; each request borrows one on a blocking thread and gives it back.

use std::path::PathBuf;
use std::sync::Mutex;

use dateline_store::Store;

use crate::error::ApiError;

/// Idle connections kept open; more are opened under load and closed afterwards.
const IDLE: usize = 8;

/// Connections to one store file.
#[derive(Debug)]
pub struct StorePool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl StorePool {
    /// Opens one connection now, so that a missing or foreign file fails at start-up.
    pub fn open(path: PathBuf) -> Result<StorePool, dateline_store::StoreError> {
        let first = Store::open_read_only(&path)?;
        Ok(StorePool {
            path,
            idle: Mutex::new(vec![first]),
        })
    }

    fn take(&self) -> Result<Store, ApiError> {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        match idle {
            Some(store) => Ok(store),
            None => Ok(Store::open_read_only(&self.path)?),
        }
    }

    fn give_back(&self, store: Store) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < IDLE {
                idle.push(store);
            }
        }
    }

    /// Runs `query` on a connection, on a blocking thread.
    pub async fn with<T, F>(self: std::sync::Arc<Self>, query: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        tokio::task::spawn_blocking(move || {
            let store = self.take()?;
            let result = query(&store);
            self.give_back(store);
            result
        })
        .await
        .map_err(|e| ApiError::Internal(format!("query worker failed: {e}")))?
    }
}
