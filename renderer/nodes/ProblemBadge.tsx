import { memo } from 'react';

/** Props of {@link ProblemBadge}. */
export interface ProblemBadgeProps {
  readonly errors: number;
  readonly warnings: number;
  /** Every message, shown as the badge's tooltip. */
  readonly messages: readonly string[];
}

/** A node's problem count: red with the error count, else amber with the warning count, else nothing. */
export const ProblemBadge = memo(function ProblemBadge({ errors, warnings, messages }: ProblemBadgeProps) {
  if (errors === 0 && warnings === 0) return null;
  const severity = errors > 0 ? 'error' : 'warning';
  const parts = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean);
  const label = parts.join(', ');
  return (
    <span className={`problem-badge problem-badge--${severity}`} title={[label, ...messages].join('\n')} aria-label={label} role="img">
      {severity === 'error' ? '!' : '⚠'} {errors || warnings}
    </span>
  );
});
