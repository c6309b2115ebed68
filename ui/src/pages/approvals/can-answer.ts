// Whether the signed-in token may answer an approval, by the server's own rule
// (src/engine/approvals.ts checkApprover): answering needs the operator role, and when the
// approval names approvers, the token's name must be among the users or its role must include
// one of the roles (an admin answers for operators). Buttons show only when it may.
import type { Role } from "../../api/types";
import { isRole, roleAllows } from "../../app/roles";
import type { Session } from "../../app/session";
import type { Approval } from "./types";

/** May this session answer; if not, a sentence saying who may. */
export type AnswerRight = { allowed: true } | { allowed: false; reason: string };

/** Who an approval lets answer, in words ("role operator, user alice"); "" when anyone allowed may. */
export function approversText(approval: Approval): string {
  const roles = approval.approvers?.roles ?? [];
  const users = approval.approvers?.users ?? [];
  return [...roles.map((r) => `role ${r}`), ...users.map((u) => `user ${u}`)].join(", ");
}

/** Whether `session` may answer `approval` (status aside). */
export function answerRight(approval: Approval, session: Pick<Session, "name" | "role" | "can">): AnswerRight {
  if (!session.can("operator")) {
    return { allowed: false, reason: `Answering needs the operator role; you are signed in as ${session.role === "viewer" ? "a viewer" : `${session.role} without a token`}.` };
  }
  const roles = approval.approvers?.roles ?? [];
  const users = approval.approvers?.users ?? [];
  if (roles.length === 0 && users.length === 0) return { allowed: true };
  const held: Role = session.role;
  if (users.includes(session.name) || roles.some((r) => isRole(r) && roleAllows(held, r))) return { allowed: true };
  return { allowed: false, reason: `Only ${approversText(approval)} may answer this; you are ${session.name} (${session.role}).` };
}
