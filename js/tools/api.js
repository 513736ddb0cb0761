// The tools entry's functions: everything the main entry offers plus the paste parsers,
// snippets and fixConfiguration, all from the tools module (one module, not two: the web
// form and the CLI load a single .wasm). The same Rust sources as the core module, built
// with the `tools` feature; none of these files adds a rule.
import { generateIdBlock } from "../../pkg/wandb_resume_tools.js";
import { idFunctions } from "../ids.js";

export {
  collisionProbability,
  decide,
  decideMany,
  decideManyJson,
  deriveRunId,
  fixConfiguration,
  methodTable,
  parseEnvBlock,
  parseInitCall,
  sanitizeRunId,
  scenarios,
  sdkVersions,
  simulate,
  snippets,
} from "../../pkg/wandb_resume_tools.js";
export const { generateId, generateIds } = idFunctions(generateIdBlock);
