mod commands;

use commands::*;

pub fn run() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![list_tracks, play_track]) // error: [shadowed-invoke-handler]
        .invoke_handler(tauri::generate_handler![
            read_cover,
            save_position,
            log_event,
            seek,
        ])
        .run(tauri::generate_context!())
        .expect("error while running tauri application");
}
