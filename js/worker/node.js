// The edge handler for the node entry: initialise the module the node way, then serve.
import "../node.js";

export { default, handleRequest } from "./handler.js";
