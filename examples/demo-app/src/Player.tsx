import { useEffect, useState } from "react";
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { listTracks, logEvent, type Track } from "@/api";

export function Player() {
  const [tracks, setTracks] = useState<Track[]>([]);
  const [position, setPosition] = useState(0);

  useEffect(() => {
    listTracks().then(setTracks, console.error);
    listen<number>("position", (event) => setPosition(event.payload)); // warning: [listen-leak]
  }, []);

  async function saveAll() {
    for (const track of tracks) {
      await invoke("save_position", { trackId: track.id, seconds: position }); // warning: [invoke-in-hot-loop]
    }
  }

  async function remove(track: Track) {
    await invoke("delete_track", { trackId: track.id }); // error: [unknown-command]
  }

  return (
    <div onMouseMove={(e) => invoke("seek", { seconds: e.clientX / 10 }).catch(console.error)}> {/* warning: [invoke-in-hot-loop] */}
      {tracks.map((track) => (
        <button key={track.id} onClick={() => invoke("play_track", { trackId: track.id })}> {/* warning: [floating-invoke] */}
          {track.title}
        </button>
      ))}
      <button onClick={() => logEvent("saved")}>log</button> {/* note: [fire-and-forget-invoke] */}
      <button onClick={saveAll}>save all</button>
      <button onClick={() => remove(tracks[0]).catch(console.error)}>remove first</button>
      <button onClick={() => invoke("save_position", { track_id: 1, seconds: 0 }).catch(console.error)}> {/* error: [invoke-arg-mismatch] */}
        reset
      </button>
    </div>
  );
}
