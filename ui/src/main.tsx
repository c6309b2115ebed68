// Entry point of the web console: styles, then the app into #root.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app";
import "./styles/theme.css";
import "./styles/base.css";
import "./styles/shell.css";
import "./styles/components.css";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
