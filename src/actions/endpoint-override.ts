// Both cloud packs may be pointed at another endpoint (the simulator, a proxy) by a URL of the
// form scheme://host:port. This checks such a URL the same way for both and says what is wrong.
import { ValidationError } from "../core/errors.js";

/**
 * The parsed override URL, or undefined when none is given. `source` names where it came from
 * and `cloud` the cloud (for the messages); a path, query or credentials are refused.
 */
export function parseEndpointOverride(url: string | undefined, source: string, cloud: string): URL | undefined {
  if (url === undefined || url.trim() === "") return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new ValidationError(`${source}: '${url}' is not an absolute URL; write e.g. http://127.0.0.1:9000`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new ValidationError(`${source}: scheme '${parsed.protocol.slice(0, -1)}' is not supported; use http or https`);
  if (parsed.username !== "" || parsed.password !== "") throw new ValidationError(`${source}: credentials in the URL are not used; ${cloud} requests are signed with the pack's secrets`);
  if ((parsed.pathname !== "/" && parsed.pathname !== "") || parsed.search !== "") throw new ValidationError(`${source}: give only scheme, host and port (${cloud} APIs have one path, /)`);
  return parsed;
}
