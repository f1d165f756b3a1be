import type { LabEstimator } from '../../../shared/protocol/lab';
import { estimatorColor } from './estimator-colors';
import { estimatorSetting, formatCosine, formatMs, formatVariance } from './lab-format';

/** Props of {@link LabTable}. */
export interface LabTableProps {
  readonly estimators: readonly LabEstimator[];
}

/** The lab's numbers, one row per estimator, as `latent-studio estimators` prints them. */
export function LabTable({ estimators }: LabTableProps) {
  return (
    <table className="lab-table" aria-label="Estimator statistics">
      <thead>
        <tr>
          <th scope="col">Latent</th>
          <th scope="col">Estimator</th>
          <th scope="col">Baseline / τ</th>
          <th scope="col" className="lab-table__num" title="Trace of the covariance of the estimates over the number of parameters">
            Variance
          </th>
          <th scope="col" className="lab-table__num" title="Norm of the mean of the estimates (the reference gradient's norm is given above)">
            ‖mean‖
          </th>
          <th scope="col" className="lab-table__num" title="Cosine between the mean estimate and the reference gradient">
            cos to reference
          </th>
          <th scope="col" className="lab-table__num" title="Wall time of one estimate: forward, backward and reading the gradient">
            ms / estimate
          </th>
        </tr>
      </thead>
      <tbody>
        {estimators.map((e) => (
          <tr key={`${e.latent}|${e.label}`} data-estimator={e.label}>
            <td>{e.latent}</td>
            <td>
              <span className="lab-table__swatch" style={{ background: estimatorColor(e.estimator) }} aria-hidden="true" />
              {e.estimator}
            </td>
            <td>{estimatorSetting(e)}</td>
            <td className="lab-table__num">{formatVariance(e.variance)}</td>
            <td className="lab-table__num">{formatVariance(e.meanNorm)}</td>
            <td className="lab-table__num">{formatCosine(e.cosine)}</td>
            <td className="lab-table__num">{formatMs(e.msPerEstimate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
