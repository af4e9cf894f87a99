//! Uploaded pictures: type decided by content (never by name or header), files named by content
//! hash, rows per workspace for quotas.

use serde::Serialize;
use utoipa::ToSchema;

use crate::db::Db;
use crate::store::now_ms;

/// Largest upload.
pub const MAX_ASSET_BYTES: usize = 5 * 1024 * 1024;

/// An uploaded picture.
#[derive(Clone, Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct Asset {
    /// `{sha256}.{ext}`.
    pub file_name: String,
    /// `image/png`, `image/jpeg`, `image/webp` or `image/gif`.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// Unix ms.
    pub created_at: i64,
}

/// Longest side a picture may have: four times a phone's widest screen, enough for any banner.
pub const MAX_SIDE: usize = 8192;
/// Most pixels a picture may have: a phone decodes every pixel (4 bytes each) before drawing,
/// so a small file of huge dimensions would exhaust a member's memory.
pub const MAX_PIXELS: usize = 40_000_000;

/// Why a picture's dimensions are refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Dimensions {
    /// The header gives no readable size: the file is damaged.
    Unreadable,
    /// Width × height over [`MAX_SIDE`] or [`MAX_PIXELS`].
    TooLarge {
        /// Pixels across.
        width: usize,
        /// Pixels down.
        height: usize,
    },
}

/// Checks a picture's dimensions from its header, without decoding it.
pub fn check_dimensions(bytes: &[u8]) -> Result<(usize, usize), Dimensions> {
    let size = imagesize::blob_size(bytes).map_err(|_| Dimensions::Unreadable)?;
    let (width, height) = (size.width, size.height);
    if width == 0 || height == 0 {
        return Err(Dimensions::Unreadable);
    }
    if width > MAX_SIDE || height > MAX_SIDE || width.saturating_mul(height) > MAX_PIXELS {
        return Err(Dimensions::TooLarge { width, height });
    }
    Ok((width, height))
}

/// The picture type of `bytes` by its signature: `(extension, MIME type)`, or why it is refused.
pub fn sniff(bytes: &[u8]) -> Result<(&'static str, &'static str), &'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok(("png", "image/png"))
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Ok(("jpg", "image/jpeg"))
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Ok(("gif", "image/gif"))
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Ok(("webp", "image/webp"))
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
        if head.contains("<svg") || head.trim_start().starts_with("<?xml") {
            Err("SVG is not accepted: it can carry scripts. Export the picture as PNG or WebP")
        } else {
            Err("only PNG, JPEG, WebP and GIF pictures can be uploaded")
        }
    }
}

/// The MIME type for a stored file name, if it is one of ours (`{64 hex}.{ext}`).
pub fn served_type(file_name: &str) -> Option<&'static str> {
    let (hash, ext) = file_name.split_once('.')?;
    if hash.len() != 64 || !hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    match ext {
        "png" => Some("image/png"),
        "jpg" => Some("image/jpeg"),
        "gif" => Some("image/gif"),
        "webp" => Some("image/webp"),
        _ => None,
    }
}

/// Bytes a workspace's pictures use.
pub async fn usage(db: &Db, workspace: &str) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM assets WHERE workspace_id = $1",
    )
    .bind(workspace)
    .fetch_one(&db.pool)
    .await?;
    Ok(n)
}

/// Whether the workspace already has this file.
pub async fn exists(db: &Db, workspace: &str, file_name: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT file_name FROM assets WHERE workspace_id = $1 AND file_name = $2")
            .bind(workspace)
            .bind(file_name)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.is_some())
}

/// Records a workspace's picture (once per content).
pub async fn record(db: &Db, workspace: &str, asset: &Asset) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO assets (workspace_id, file_name, content_type, size, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (workspace_id, file_name) DO NOTHING",
    )
    .bind(workspace)
    .bind(&asset.file_name)
    .bind(&asset.content_type)
    .bind(asset.size)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// A workspace's pictures, newest first.
pub async fn list(db: &Db, workspace: &str) -> Result<Vec<Asset>, sqlx::Error> {
    sqlx::query_as(
        "SELECT file_name, content_type, size, created_at FROM assets WHERE workspace_id = $1 ORDER BY created_at DESC, file_name",
    )
    .bind(workspace)
    .fetch_all(&db.pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_content() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest").unwrap().0, "png");
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0").unwrap().0, "jpg");
        assert_eq!(sniff(b"GIF89a...").unwrap().0, "gif");
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 ").unwrap().0, "webp");
        assert!(sniff(b"<?xml version=\"1.0\"?><svg onload=alert(1)>")
            .unwrap_err()
            .contains("SVG"));
        assert!(sniff(b"  <svg xmlns=...").unwrap_err().contains("SVG"));
        assert!(sniff(b"MZ\x90\0").unwrap_err().contains("only PNG"));
        assert!(sniff(b"").is_err());
    }

    #[test]
    fn only_our_file_names_are_served() {
        let hash = "a".repeat(64);
        assert_eq!(served_type(&format!("{hash}.png")), Some("image/png"));
        assert_eq!(served_type(&format!("{hash}.svg")), None);
        assert_eq!(served_type("../cradle.db"), None);
        assert_eq!(served_type(&format!("{}.png", "A".repeat(64))), None);
    }
}
