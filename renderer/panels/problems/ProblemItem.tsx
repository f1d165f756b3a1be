import { paramPlace } from '../../../shared/graph/param-issue';
import { memo } from 'react';
import type { Problem } from '../../../shared/graph/index';

/** Props of {@link ProblemItem}. */
export interface ProblemItemProps {
  readonly problem: Problem;
  /** The name of the node it points at, if any. */
  readonly nodeName: string | null;
  readonly onActivate: (problem: Problem) => void;
}

/** A setting as the inspector shows it: `hidden.0` is "hidden, layer 1". */
function settingPlace(param: string): string {
  const { key, item } = paramPlace(param.split('.'));
  return item ? `${key}, ${item}` : key;
}

/** One problem: severity icon, message, where it is; activating it shows that node. */
export const ProblemItem = memo(function ProblemItem({ problem, nodeName, onActivate }: ProblemItemProps) {
  const where =
    problem.area === 'training'
      ? 'Training settings'
      : [nodeName, problem.port ? `port ${problem.port}` : null, problem.param ? `setting ${settingPlace(problem.param)}` : null].filter(Boolean).join(' · ');
  const target = problem.nodeId !== undefined || problem.edgeId !== undefined || problem.area !== undefined;
  return (
    <li className={`problem problem--${problem.severity}`}>
      <button type="button" className="problem__button" onClick={() => onActivate(problem)} disabled={!target} title={problem.area === 'training' ? 'Show the Training settings' : problem.nodeId ? 'Show on the canvas' : undefined}>
        <span className={`problem__icon problem__icon--${problem.severity}`} role="img" aria-label={problem.severity}>
          {problem.severity === 'error' ? '✕' : '!'}
        </span>
        <span className="problem__message">{problem.message}</span>
        {where ? <span className="problem__where">{where}</span> : null}
      </button>
    </li>
  );
});
