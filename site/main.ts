/** Entry point: styles, then the app shell. Monaco and the engine load later, on demand. */
import "./styles/app.css";
import "./styles/highlight.css";
import { App } from "./shell/app";

const root = document.getElementById("app");
if (root === null) throw new Error("index.html has no #app element");
new App(root);
