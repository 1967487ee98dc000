import { createRoot } from "react-dom/client";
import { Player } from "./Player";

createRoot(document.getElementById("root")!).render(<Player />);
