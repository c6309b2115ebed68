// What a new rule starts from: a complete, valid rule to change rather than a blank page, with
// each part a person has to decide on present (which events, what to send where).

/** The YAML the editor shows at `/rules/new`. */
export const NEW_RULE_TEMPLATE = `kind: Rule
name: my-new-rule
description: Say what this rule is for and who it tells.
bus: default
enabled: true
pattern:
  source: [cvm.cloud.tencent]
  type: ["cvm:ErrorEvent:PingUnreachable"]
throttle:
  key: "{{ event.subject }}"
  rate: 1
  per: 10m
targets:
  - name: chat
    type: http
    url: https://hooks.example.com/reflex
    body:
      text: "{{ event.subject & ': ' & event.type }}"
`;
