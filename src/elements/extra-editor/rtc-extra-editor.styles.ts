import { css } from 'lit';
import { themeStyles } from '../shared/theme.js';

export const extraEditorStyles = [
  themeStyles,
  css`
    [part~='fields'] {
      display: grid;
      gap: var(--_gap);
    }
    [part~='fields']:empty {
      display: none;
    }
    [part~='field'] {
      display: grid;
      gap: 0.25rem;
    }
    [part~='label'] {
      font-weight: 600;
    }
    [part~='input'] {
      font: inherit;
      padding: 0.4rem 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_on-surface);
    }
    [part~='input'][type='checkbox'] {
      justify-self: start;
    }
    [part~='input']:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 1px;
    }
    [part~='error'] {
      color: var(--_danger);
      margin: var(--_gap) 0 0;
    }
    [part~='error'][hidden] {
      display: none;
    }
  `,
];
