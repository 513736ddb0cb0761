// The edge handler for the workerd entry: initialise the module the workerd way, then serve.
import "../workerd.js";

export { default, handleRequest } from "./handler.js";
