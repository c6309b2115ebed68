// A sample pack written into a temp config directory for the packs tests: an action with a JS
// entry (it reports its process id, so a test can see it ran outside Reflex), a workflow using
// that action, and a rule starting the workflow.
import { writeConfigDir } from "../support/config-dir.js";

/** The files of pack `acme` under `packs/acme/`, plus `extra` files (paths under the config dir). */
export function writeSamplePack(extra: Record<string, string> = {}): string {
  return writeConfigDir({
    "buses.yaml": "kind: Bus\nname: ops\n",
    "packs/acme/pack.yaml": "name: acme\nversion: 1.2.0\ndescription: ACME runbooks\nrequires: {reflex: \">=0.1\"}\n",
    "packs/acme/actions/greet.yaml": [
      "name: greet",
      "description: Greets someone from a process of its own",
      "entry: greet.js",
      "inputSchema: {type: object, required: [who], properties: {who: {type: string}}}",
      "timeout: 5s",
      "secrets: [ACME_TOKEN]",
      "",
    ].join("\n"),
    "packs/acme/actions/greet.js": [
      "exports.main_handler = async (input, context) => {",
      "  console.log('greeting ' + input.who);",
      "  return { greeting: 'hello ' + input.who, pid: process.pid, token: context.secrets.ACME_TOKEN };",
      "};",
      "",
    ].join("\n"),
    "packs/acme/workflows/greet.yaml": "kind: Workflow\nname: acme.greet-all\ntasks:\n  greet: {action: acme.greet, input: {who: world}}\n",
    "packs/acme/rules/on-alert.yaml": "kind: Rule\nname: acme.on-alert\nbus: ops\npattern: {type: [acme.alert]}\ntargets:\n  - {type: workflow, workflow: acme.greet-all}\n",
    ...extra,
  });
}
