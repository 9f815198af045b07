/**
 * regie's own small style sheet on top of the Utrecht design tokens and components (served as
 * /assets/regie.css). Kept in a module, not a .css file, so that the compiled build (dist/) carries it.
 * Colours meet WCAG 2.1 AA contrast.
 */
export const regieCss = `body { margin: 0; }
.regie-header__content { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 1rem; padding: 1rem 1.5rem; }
.regie-brand { font-weight: 700; font-size: 1.5rem; }
.regie-header__tools { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; }
.regie-sign-out { display: inline-flex; align-items: center; gap: 0.5rem; margin: 0; }
.regie-nav { padding: 0 1.5rem; }
.regie-nav .utrecht-nav-list { display: flex; flex-wrap: wrap; gap: 1.5rem; list-style: none; margin: 0; padding: 0.5rem 0; }
.regie-main { padding: 1.5rem; max-width: 72rem; }
.regie-main:focus { outline: none; }
:focus-visible { outline: 3px solid #0b0c0c; outline-offset: 2px; box-shadow: 0 0 0 6px #ffdd00; }
.regie-error-summary { margin-block-end: 1.5rem; }
.regie-status { display: inline-block; padding: 0.125rem 0.5rem; border-radius: 0.25rem; font-weight: 600; }
.regie-status--done { background: #d8f0dd; color: #0b4a1d; }
.regie-status--open { background: #dde9f7; color: #0b3a6e; }
.regie-status--overdue { background: #fbe2e2; color: #8a1111; }
.regie-status--planned { background: #eeeeee; color: #333333; }
.regie-status--cancelled { background: #eeeeee; color: #555555; text-decoration: line-through; }
.regie-table-container { overflow-x: auto; margin-block-end: 1.5rem; }
.regie-form-actions { display: flex; flex-wrap: wrap; gap: 1rem; margin-block: 1.5rem; }
.regie-fieldset { border: 1px solid #b1b4b6; padding: 1rem; margin-block-end: 1.5rem; }
.regie-pagination { display: flex; gap: 1rem; margin-block: 1rem; }
.regie-mail-body { white-space: pre-wrap; font-family: inherit; background: #f3f2f1; padding: 1rem; overflow-wrap: anywhere; }
.regie-term-picture { width: 100%; height: auto; max-width: 72rem; border: 1px solid #b1b4b6; background: #ffffff; }
.regie-term-picture text { font-family: "Noto Sans Variable", Arial, sans-serif; font-size: 12px; fill: #0b0c0c; }
.regie-term-picture .year-line { stroke: #b1b4b6; }
.regie-term-picture .term-bar { fill: #dde9f7; stroke: #0b3a6e; }
.regie-term-picture .extension-bar { fill: #ffffff; stroke: #0b3a6e; stroke-dasharray: 4 3; }
.regie-term-picture .period { fill: #ffffff; stroke: #505a5f; }
.regie-term-picture .marker-midterm { stroke: #0b3a6e; stroke-width: 3; }
.regie-term-picture .marker-notice { stroke: #8a1111; stroke-width: 3; }
.regie-term-picture .marker-today { stroke: #0b0c0c; stroke-width: 2; stroke-dasharray: 2 2; }
.regie-term-picture .item-done { fill: #0b4a1d; }
.regie-term-picture .item-open { fill: #0b3a6e; }
.regie-term-picture .item-overdue { fill: #8a1111; }
.regie-term-picture .item-cancelled { fill: #6f777b; }
.regie-legend { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
