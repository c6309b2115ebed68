// Builds the web console into `dist/ui`, where the Reflex server serves it at `/`. No React
// plugin: esbuild's automatic JSX runtime is all the console needs, and nothing is fetched from
// the network. `npm run build` runs this after compiling the server.
import { defineConfig } from "vite";

const here = new URL(".", import.meta.url);
/** Where the Reflex server runs while developing the console with `npx vite --config ui/vite.config.ts`. */
const devApi = "http://127.0.0.1:7420";

export default defineConfig({
  root: decodeURIComponent(here.pathname),
  base: "/",
  publicDir: false,
  esbuild: { jsx: "automatic" },
  build: {
    outDir: decodeURIComponent(new URL("../dist/ui/", here).pathname),
    emptyOutDir: true,
    target: "es2022",
    assetsDir: "assets",
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      "/api": devApi,
      "/healthz": devApi,
      "/readyz": devApi,
    },
  },
});
