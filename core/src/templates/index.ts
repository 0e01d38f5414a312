// The template language's rules, pure: nesting limits, snippet references, variable checks at save.
// A subpath of its own so the web bundle and workflow code do not load the Handlebars parser.
export * from './template-nesting';
export * from './snippet-references';
export * from './template-variables';
