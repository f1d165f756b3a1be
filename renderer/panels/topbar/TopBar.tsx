import type { ReactNode } from 'react';
import { Icon } from './Icon';
import { ToolButton } from './ToolButton';

/** The commands of the top bar. */
export type TopBarCommand = 'new' | 'open' | 'save' | 'saveAs' | 'layout' | 'undo' | 'redo' | 'lab' | 'maths';

/** Props of {@link TopBar}. */
export interface TopBarProps {
  /** The file's name, or null for an untitled document. */
  readonly fileName: string | null;
  /** The full path, for the tooltip. */
  readonly filePath: string | null;
  readonly dirty: boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly canLayout: boolean;
  /** Whether the maths panel is open (the "Maths" toggle is pressed). */
  readonly mathsOpen: boolean;
  /** The shortcut of each command as the platform writes it, when it has one. */
  readonly shortcuts: Partial<Record<TopBarCommand, string>>;
  readonly onCommand: (command: TopBarCommand) => void;
  /** "web" or "desktop", shown quietly beside the name. */
  readonly mode?: string | null;
  /** Shown at the right end: the run controls. */
  readonly trailing?: ReactNode;
}

/** The top bar: app name, file name with the unsaved dot, file commands, layout, undo and redo, the maths panel's toggle, then the run controls. */
export function TopBar({ fileName, filePath, dirty, canUndo, canRedo, canLayout, mathsOpen, shortcuts, onCommand, mode, trailing }: TopBarProps) {
  const name = fileName ?? 'Untitled';
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <svg className="topbar__logo" viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="6" cy="12" r="3.2" />
          <circle cx="18" cy="6" r="3.2" />
          <circle cx="18" cy="18" r="3.2" />
          <path d="M9 11 L15 7 M9 13 L15 17" />
        </svg>
        {/* The page's one level-one heading: the window is the app, its panels are h2. */}
        <h1 className="topbar__app">Latent Studio</h1>
        {mode ? <span className="topbar__mode">{mode}</span> : null}
      </div>
      <div className="topbar__file" title={filePath ?? 'Not saved yet'}>
        <span className="topbar__filename" data-testid="file-name">
          {name}
        </span>
        {dirty ? (
          <span className="topbar__dirty" role="img" aria-label="unsaved changes" title="Unsaved changes">
            ●
          </span>
        ) : null}
      </div>
      <nav className="topbar__tools" aria-label="File, edit and study">
        <div className="topbar__group" role="group" aria-label="File">
          <ToolButton label="New" icon={<Icon name="new" />} shortcut={shortcuts.new ?? null} description="New graph" onClick={() => onCommand('new')} />
          <ToolButton label="Open" icon={<Icon name="open" />} shortcut={shortcuts.open ?? null} description="Open a graph file" onClick={() => onCommand('open')} />
          <ToolButton label="Save" icon={<Icon name="save" />} shortcut={shortcuts.save ?? null} description="Save" onClick={() => onCommand('save')} />
          <ToolButton label="Save As" icon={<Icon name="saveAs" />} shortcut={shortcuts.saveAs ?? null} description="Save under another name" onClick={() => onCommand('saveAs')} />
        </div>
        <div className="topbar__group" role="group" aria-label="Edit">
          <ToolButton label="Auto-layout" icon={<Icon name="layout" />} shortcut={shortcuts.layout ?? null} description="Arrange the nodes left to right" disabled={!canLayout} onClick={() => onCommand('layout')} />
          <ToolButton label="Undo" icon={<Icon name="undo" />} shortcut={shortcuts.undo ?? null} disabled={!canUndo} onClick={() => onCommand('undo')} />
          <ToolButton label="Redo" icon={<Icon name="redo" />} shortcut={shortcuts.redo ?? null} disabled={!canRedo} onClick={() => onCommand('redo')} />
        </div>
        <div className="topbar__group" role="group" aria-label="Study">
          <ToolButton label="Lab" icon={<Icon name="lab" />} description="Estimator lab: compare the gradient estimators of the graph's latents" disabled={!canLayout} onClick={() => onCommand('lab')} />
          <ToolButton label="Maths" icon={<Icon name="maths" />} shortcut={shortcuts.maths ?? null} description="Show the model's equations beside the canvas" pressed={mathsOpen} onClick={() => onCommand('maths')} />
        </div>
      </nav>
      {trailing}
    </header>
  );
}
