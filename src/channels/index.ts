// Public API of `channels/`: the sender every notification goes through (rule targets and the
// `core.notify` action), the record of sends, the views that hide a channel's secrets, and the
// channel rate limit that rule deliveries are scheduled by.
export { ChannelSender, DEFAULT_SEND_TIMEOUT_MS } from "./channel-sender.js";
export type { ChannelSenderOptions, SendOutcome, SendRequest } from "./channel-sender.js";
export { channelView } from "./channel-view.js";
export { APPROVAL_REQUESTED_EVENT, EXECUTION_EVENT_PREFIX } from "./default-messages.js";
export type { ChannelMessage, MessageField, MessageKind, MessageLink, MessageOverrides, NotifySubject } from "./message.js";
export { createNotifyAction, MAX_SLOT_WAIT_MS } from "./notify-action.js";
export type { NotifyActionDeps, NotifyInput } from "./notify-action.js";
export { NOTIFICATION_RETENTION_MS, listNotifications, pruneNotifications } from "./notification-log.js";
export type { NotificationQuery, NotificationStatus } from "./notification-log.js";
export { nextSlot, reserveChannelSlot } from "./rate-limit.js";
export type { RateLimit } from "./rate-limit.js";
