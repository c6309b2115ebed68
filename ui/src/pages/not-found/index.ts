// The page for unknown paths.
export { NotFoundPage } from "./not-found-page";
