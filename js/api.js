// The package's public functions, shared by every entry of the main export. Each entry only
// differs in how it hands the compiled module to the glue (STYLE.md §5); none of them adds a
// rule. The paste parsers, snippets and fixConfiguration live in the tools module
// (`wandb-resume/tools`, js/tools/api.js), so this module stays small.
import { generateIdBlock } from "../pkg/wandb_resume.js";
import { idFunctions } from "./ids.js";

export {
  collisionProbability,
  decide,
  decideMany,
  decideManyJson,
  deriveRunId,
  methodTable,
  sanitizeRunId,
  scenarios,
  sdkVersions,
  simulate,
} from "../pkg/wandb_resume.js";
export const { generateId, generateIds } = idFunctions(generateIdBlock);
