import { css } from 'lit';
import { avatarStyles, listReset } from '../shared/common.styles.js';
import { themeStyles } from '../shared/theme.js';

export const participantListStyles = [
  themeStyles,
  listReset,
  avatarStyles,
  css`
    ul {
      display: grid;
      gap: calc(var(--_gap) / 2);
    }
    [part~='participant'] {
      display: grid;
      grid-template-columns: var(--rtc-avatar-size, 2.5rem) 1fr;
      column-gap: var(--_gap);
      align-items: center;
      padding: calc(var(--_gap) / 2) 0;
      border-bottom: 1px solid var(--_border);
      /* A big room changes rows many times a second: rows out of view are not rendered (still in the a11y tree). */
      content-visibility: auto;
      contain-intrinsic-size: auto 3.5rem;
    }
    [part~='participant'][data-status='stale'] {
      opacity: 0.6;
    }
    [part~='avatar'] {
      grid-row: span 4;
      width: var(--rtc-avatar-size, 2.5rem);
      height: var(--rtc-avatar-size, 2.5rem);
    }
    [part~='name'] {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    [part~='self'] {
      font-weight: normal;
      color: var(--_muted);
    }
    [part~='status'],
    [part~='changed'],
    [part~='fields'] {
      color: var(--_muted);
      font-size: 0.875em;
    }
    [part~='participant'][data-away] [part~='avatar'] {
      filter: grayscale(1);
    }
    [part~='away'] {
      font-style: italic;
    }
    [part~='fields'] {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_gap);
      overflow-wrap: anywhere;
    }
    [part~='fields'] div {
      display: flex;
      gap: 0.25em;
    }
    dt::after {
      content: ':';
    }
    dd {
      margin: 0;
    }
    @media (prefers-reduced-motion: no-preference) {
      [part~='participant'] {
        transition: opacity 0.2s;
      }
    }
  `,
];
