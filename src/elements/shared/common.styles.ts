import { css } from 'lit';

/**
 * Styles several elements share, each importing them beside the theme: lists without bullets, and round avatars
 * (a photo, or initials on the accent color). Each element sizes its avatars itself.
 */
export const listReset = css`
  ul,
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
`;

export const avatarStyles = css`
  [part~='avatar'] {
    border-radius: 50%;
    display: grid;
    place-items: center;
    overflow: hidden;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  [part~='avatar'] img {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
`;
