// The edge handler for the browser entry: initialise the module the browser way, then serve.
import "../browser.js";

export { default, handleRequest } from "./handler.js";
