/**
 * The definition version this portal builds (docs/obol.md, the derived definition). Its own module: the browser
 * needs the string without the SSZ code of the definition builder.
 */
export const DEFINITION_VERSION = "v1.10.0";
