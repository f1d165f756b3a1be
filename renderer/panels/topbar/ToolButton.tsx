import type { ReactNode } from 'react';

/** Props of {@link ToolButton}. */
export interface ToolButtonProps {
  /** The accessible name and visible text, e.g. "Save". */
  readonly label: string;
  /** The shortcut as the platform writes it, e.g. "Ctrl+S" or "⌘S"; shown in the tooltip. */
  readonly shortcut?: string | null;
  /** What it does, for the tooltip (defaults to the label). */
  readonly description?: string;
  readonly icon?: ReactNode;
  readonly disabled?: boolean;
  /** For a toggle: whether it is on (aria-pressed, drawn pressed). */
  readonly pressed?: boolean;
  readonly onClick: () => void;
}

/** A top-bar button: icon and label, tooltip with the shortcut (also exposed as aria-keyshortcuts); a toggle when `pressed` is given. */
export function ToolButton({ label, shortcut, description, icon, disabled, pressed, onClick }: ToolButtonProps) {
  const tip = `${description ?? label}${shortcut ? ` (${shortcut})` : ''}`;
  return (
    <button
      type="button"
      className={`tool-button${pressed ? ' tool-button--pressed' : ''}`}
      title={tip}
      aria-keyshortcuts={shortcut ?? undefined}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
    >
      {icon ? (
        <span className="tool-button__icon" aria-hidden="true">
          {icon}
        </span>
      ) : null}
      <span className="tool-button__label">{label}</span>
    </button>
  );
}
