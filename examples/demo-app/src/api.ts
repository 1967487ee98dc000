import { invoke } from "@tauri-apps/api/core";

export interface Track {
  id: number;
  title: string;
}

// Typed wrappers: tauri-lint follows calls of these to the commands they invoke.
export const listTracks = () => invoke<Track[]>("list_tracks");
export const saveCover = (path: string) => invoke<number[]>("read_cover", { path });

export async function logEvent(name: string) {
  return invoke<void>("log_event", { name });
}
