// "3 days ago", "never": the date formats the dialogs import from here. They live in formats.ts
// with every other formatter, so each `Intl` formatter is made once.

export { fullDate, relativeTime } from "./formats";
