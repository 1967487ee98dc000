//! The demo's commands. Lines marked `// warning: [...]` / `// error: [...]` are what tauri-lint reports.

use std::fs;

#[derive(serde::Serialize)]
pub struct Track {
    pub id: u32,
    pub title: String,
}

#[tauri::command]
pub fn list_tracks() -> Vec<Track> {
    vec![Track { id: 1, title: "Intro".into() }]
}

#[tauri::command]
pub fn play_track(track_id: u32) -> Result<(), String> {
    let _ = track_id;
    Ok(())
}

/// A synchronous command reading from disk on the main thread.
#[tauri::command]
pub fn read_cover(path: String) -> Result<Vec<u8>, String> { // warning: [large-json-response]
    fs::read(path).map_err(|e| e.to_string()) // warning: [blocking-sync-command]
}

#[tauri::command]
pub async fn save_position(track_id: u32, seconds: f64, fade_out: Option<bool>) -> Result<(), String> {
    let _ = (track_id, seconds, fade_out);
    Ok(())
}

#[tauri::command]
pub async fn log_event(name: String) {
    println!("event {name}");
}

#[tauri::command]
pub async fn seek(seconds: f64) -> Result<(), String> {
    let _ = seconds;
    Ok(())
}

/// Written, but forgotten in generate_handler!.
#[tauri::command]
pub async fn delete_track(track_id: u32) -> Result<(), String> {
    let _ = track_id;
    Ok(())
}
