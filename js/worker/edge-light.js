// The edge handler for the edge-light entry: initialise the module the edge-light way, then serve.
import "../edge-light.js";

export { default, handleRequest } from "./handler.js";
