// Shows its children only to sessions whose role may use them: a viewer never sees Cancel or
// Re-drive buttons it could not press. (The server enforces the same roles.)
import type { ReactNode } from "react";
import type { Role } from "../api/types";
import { useSession } from "../app/session";

/** Renders `children` when the session has `role` (or more), else `otherwise`. */
export function IfCan({ role, children, otherwise = null }: { role: Role; children: ReactNode; otherwise?: ReactNode }): ReactNode {
  return useSession().can(role) ? children : otherwise;
}
