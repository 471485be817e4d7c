// Language services for the editor: context-aware completion and hover docs. Both work on
// scripts the user is still typing: the context comes from the lexer's tokens around the cursor
// and a tolerant scan of the statement (tables come from the script model, parsed where
// statements parse), so a half-written query still completes its columns.
export { complete, type CompletionItem, type CompletionKind } from './complete';
export { hover, type HoverInfo } from './hover';
