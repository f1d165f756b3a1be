import { Component, type ReactNode } from 'react';

/** Props of {@link MathsBoundary}. */
export interface MathsBoundaryProps {
  /** A new value (the document's next analysis) clears a failure and tries again. */
  readonly resetOn: unknown;
  readonly children: ReactNode;
}

interface State {
  readonly error: string | null;
}

/**
 * Keeps a failure of the maths panel inside it (its code or KaTeX not loading, an unexpected error
 * while writing the maths): the panel says so, and the rest of the window goes on. The next edit
 * tries again.
 */
export class MathsBoundary extends Component<MathsBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(e: unknown): State {
    return { error: e instanceof Error ? e.message : String(e) };
  }

  override componentDidUpdate(prev: MathsBoundaryProps): void {
    if (this.state.error !== null && prev.resetOn !== this.props.resetOn) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <p className="maths__hint maths__hint--failed" role="alert">
        The equations could not be shown: {this.state.error}
      </p>
    );
  }
}
