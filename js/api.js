// The package's public functions, shared by every entry. Each entry only differs in how it
// hands the compiled module to the glue (STYLE.md §5); none of them adds a rule.
export {
  collisionProbability,
  decide,
  decideMany,
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
} from "../pkg/wandb_resume.js";
export { generateId, generateIds } from "./ids.js";
