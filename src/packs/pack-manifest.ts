// `pack.yaml`, the file that makes a folder a pack: its name (the first part of its actions'
// refs, so lower-case letters, digits, '_' and '-'), a semantic version, a description, and
// optionally the Reflex versions it runs on. Problems are placed at file:line:col of the file.
//
//   name: acme
//   version: 1.2.0
//   description: ACME's runbooks for the payment hosts
//   requires: {reflex: ">=0.1"}
import { Type } from "typebox";
import type { Static } from "typebox";
import type { ConfigDocument } from "../config/config-document.js";
import { documentChecker } from "../config/kinds/kind.js";
import type { ConfigProblem } from "../config/problem.js";
import { SEMVER, VERSION_RANGE, satisfies } from "./version-range.js";

/** What a pack name must look like: it starts every ref of its actions (`acme.restart`). */
export const PACK_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/** JSON Schema of `pack.yaml`. */
const PackManifestSchema = Type.Object(
  {
    name: Type.String({ pattern: PACK_NAME.source, description: "a pack name: 1 to 64 lower-case letters, digits, '_' or '-', starting with a letter" }),
    version: Type.String({ pattern: SEMVER.source, description: "a semantic version such as 1.0.0" }),
    description: Type.String({ minLength: 1, description: "a sentence saying what the pack is for" }),
    requires: Type.Optional(
      Type.Object(
        { reflex: Type.String({ pattern: VERSION_RANGE.source, description: "a version range such as '>=0.1' or '>=0.1 <1'" }) },
        { additionalProperties: false, description: "a mapping with 'reflex: <version range>'" },
      ),
    ),
  },
  { additionalProperties: false, description: "a mapping with name, version, description and optionally requires" },
);

/** A `pack.yaml` that fits its schema. */
export type PackManifest = Static<typeof PackManifestSchema>;

/** The schema check of `pack.yaml` (the Reflex version is checked by `readManifest`). */
const checkManifest = documentChecker({
  kind: "pack.yaml",
  schema: PackManifestSchema,
  build: (value: PackManifest) => value,
  // Unused: `documentChecker` reads only the schema, the checks and the build.
  assemble: (_specs, config) => config,
});

/** The manifest in `doc`, or the problems with it (including a Reflex version it does not run on). */
export function readManifest(doc: ConfigDocument, reflexVersion: string): PackManifest | ConfigProblem[] {
  const { spec, problems } = checkManifest(doc.value, doc);
  if (spec === null) return problems;
  const range = spec.requires?.reflex;
  if (range !== undefined && !satisfies(reflexVersion, range)) {
    return [doc.problem("/requires/reflex", `pack '${spec.name}' requires Reflex ${range}, and this is Reflex ${reflexVersion}; install a version of the pack made for it`)];
  }
  return spec;
}
