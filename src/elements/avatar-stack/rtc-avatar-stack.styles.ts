import { css } from 'lit';
import { avatarStyles, listReset } from '../shared/common.styles.js';
import { themeStyles } from '../shared/theme.js';

export const avatarStackStyles = [
  themeStyles,
  listReset,
  avatarStyles,
  css`
    ul {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      /* The faces overlap by a quarter (initials stay readable); the first one does not move. */
      padding-inline-start: calc(var(--rtc-avatar-size, 2rem) / 4);
    }
    [part~='avatar'],
    [part~='overflow'] {
      width: var(--rtc-avatar-size, 2rem);
      height: var(--rtc-avatar-size, 2rem);
      margin-inline-start: calc(var(--rtc-avatar-size, 2rem) / -4);
      box-shadow: 0 0 0 2px var(--_surface);
      font-size: calc(var(--rtc-avatar-size, 2rem) * 0.4);
      line-height: 1;
    }
    /* Grey, not faded: the initials keep their contrast. */
    [part~='avatar'][data-away],
    [part~='avatar'][data-status='stale'] {
      filter: grayscale(1);
    }
    [part~='overflow'] {
      border-radius: 50%;
      display: grid;
      place-items: center;
      font-weight: 600;
      background: var(--_muted);
      color: var(--_surface);
    }
  `,
];
